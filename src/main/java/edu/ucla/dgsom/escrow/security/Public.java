package edu.ucla.dgsom.escrow.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The endpoint is open to anyone, signed in or not: it must reveal nothing about accounts, people or secrets.
 * (The service uses its own access annotations because Payara turns the standard ones on JAX-RS resources into
 * servlet security constraints with Basic authentication.)
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Public {
}
