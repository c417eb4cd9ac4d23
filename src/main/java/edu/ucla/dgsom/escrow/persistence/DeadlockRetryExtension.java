package edu.ucla.dgsom.escrow.persistence;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.ws.rs.Path;

/** Binds {@link DeadlockRetry} to every JAX-RS resource, so that no resource can be written without it. */
public class DeadlockRetryExtension implements Extension {

    <T> void retryEveryResource(@Observes @WithAnnotations(Path.class) ProcessAnnotatedType<T> resource) {
        if (resource.getAnnotatedType().isAnnotationPresent(Path.class)) {
            resource.configureAnnotatedType().add(RetriedOnDeadlock.Literal.INSTANCE);
        }
    }
}
