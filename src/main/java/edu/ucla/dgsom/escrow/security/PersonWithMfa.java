package edu.ucla.dgsom.escrow.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Besides its role rule, the endpoint needs a signed-in person with MFA enrolled: no API token, whatever its role.
 * For what hands out lasting power (roles, tokens), which a stolen token must not be able to multiply.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface PersonWithMfa {
}
