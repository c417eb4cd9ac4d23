package edu.ucla.dgsom.escrow.persistence;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Runs a resource method again, through {@link Deadlocks}, when a transaction it started was rolled back as a
 * deadlock's victim. A resource holds no transaction of its own: each control call in it commits before it returns,
 * so the failed one is the only work undone, and house style has a resource make one such call.
 */
@RetriedOnDeadlock
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER)
public class DeadlockRetry {

    @AroundInvoke
    public Object retried(InvocationContext invocation) throws Exception {
        return Deadlocks.retried(invocation::proceed);
    }
}
