package edu.ucla.dgsom.escrow.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The endpoint stays open to a person who must first change their password or enrol MFA (reading and ending the
 * session, changing the password, enrolling); every other endpoint refuses them until they have.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AllowedWhileRestricted {
}
