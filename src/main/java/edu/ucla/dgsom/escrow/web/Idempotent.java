package edu.ucla.dgsom.escrow.web;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource method that creates something and honours {@code Idempotency-Key} ({@link IdempotentWrites}). It returns
 * a {@code Response} whose body carries no secret, since that answer is stored to be given again.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Idempotent {
}
