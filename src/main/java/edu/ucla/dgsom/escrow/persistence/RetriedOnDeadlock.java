package edu.ucla.dgsom.escrow.persistence;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A call whose transactions {@link Deadlocks} runs again when the database picked one as a deadlock's victim (on
 * Galera, also a write that lost certification to another node). {@link DeadlockRetryExtension} puts it on every
 * JAX-RS resource, so no endpoint answers 500 to a conflict that a second attempt resolves.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RetriedOnDeadlock {

    /** The binding as a value, for {@link DeadlockRetryExtension}. */
    final class Literal extends AnnotationLiteral<RetriedOnDeadlock> implements RetriedOnDeadlock {

        static final Literal INSTANCE = new Literal();
        private static final long serialVersionUID = 1L;
    }
}
