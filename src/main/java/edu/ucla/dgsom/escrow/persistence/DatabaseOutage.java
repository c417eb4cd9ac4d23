package edu.ucla.dgsom.escrow.persistence;

import jakarta.resource.ResourceException;
import java.sql.SQLException;
import javax.transaction.xa.XAException;

/**
 * Recognizes a failure that says the database cannot take the request now, not that the request or the code is wrong:
 * the connection broke or was refused, the pool could not get one, the cluster node is not synced, or a conflict was
 * still there after {@link Deadlocks} retried. The request should be tried again shortly, perhaps on another instance,
 * so it answers 503 with Retry-After instead of 500. A dropped commit may have landed: hence the idempotency keys.
 */
public final class DatabaseOutage {

    /** Galera's "WSREP has not yet prepared node for application use": the node is joining or lost its quorum. */
    private static final int NODE_NOT_READY = 1047;
    private static final int LOCK_WAIT_TIMEOUT = 1205;
    private static final String CONNECTION_EXCEPTION_CLASS = "08";

    private DatabaseOutage() {
    }

    public static boolean causes(Throwable failure) {
        if (Deadlocks.deadlock(failure)) {
            return true;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // The pool could not connect (ResourceException), or the commit itself failed on a broken connection:
            // Payara's transaction manager reports that as an XAException quoting the driver, without its cause.
            if (cause instanceof ResourceException || cause instanceof XAException) {
                return true;
            }
            for (SQLException sql = cause instanceof SQLException e ? e : null; sql != null;
                    sql = sql.getNextException()) {
                String state = sql.getSQLState();
                if (sql.getErrorCode() == NODE_NOT_READY || sql.getErrorCode() == LOCK_WAIT_TIMEOUT
                        || state != null && state.startsWith(CONNECTION_EXCEPTION_CLASS)) {
                    return true;
                }
            }
        }
        return false;
    }
}
