package edu.ucla.dgsom.escrow.persistence;

import jakarta.persistence.OptimisticLockException;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs a transaction again when the database chose it as a deadlock's victim (MariaDB error 1213, SQLSTATE 40001;
 * on Galera also a commit that lost certification to another node), or when its write found a row's version changed
 * since it read it (a stale read on another node): the transaction was rolled back whole, so running it again is safe,
 * and the request succeeds instead of answering 500.
 * Called outside a transaction, with a call to a transactional bean, so each attempt is a transaction of its own: for
 * every resource method by {@link DeadlockRetry}, and by the authentication filter, which runs before it.
 */
public final class Deadlocks {

    private static final int ATTEMPTS = 3;
    private static final int DEADLOCK = 1213;
    /**
     * MariaDB's text for error 1213. A deadlock at commit reaches us from Payara's transaction manager as an
     * XAException that quotes the driver's message but keeps neither its SQLException nor its code.
     */
    private static final String DEADLOCK_MESSAGE = "Deadlock found when trying to get lock";
    private static final String ECLIPSELINK_VERSION_CHECK =
            "org.eclipse.persistence.exceptions.OptimisticLockException";

    private Deadlocks() {
    }

    /** Work that may throw {@code E}, such as a call to a transactional bean. */
    @FunctionalInterface
    public interface Attempt<T, E extends Exception> {
        T run() throws E;
    }

    // run() throws only E or unchecked exceptions, so what is caught and rethrown is one of those.
    @SuppressWarnings("unchecked")
    public static <T, E extends Exception> T retried(Attempt<T, E> transaction) throws E {
        for (int attempt = 1;; attempt++) {
            try {
                return transaction.run();
            } catch (Exception e) {
                if (attempt >= ATTEMPTS || !deadlock(e)) {
                    throw (E) e;
                }
                pause(attempt);
            }
        }
    }

    /**
     * Whether the transaction was rolled back as a deadlock's (or a certification conflict's) victim, or for a version
     * check that failed; EclipseLink reports one at commit with its own exception, which the API does not name.
     */
    public static boolean deadlock(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof OptimisticLockException
                    || ECLIPSELINK_VERSION_CHECK.equals(cause.getClass().getName())
                    || String.valueOf(cause.getMessage()).contains(DEADLOCK_MESSAGE)) {
                return true;
            }
            if (cause instanceof SQLException sql && (sql.getErrorCode() == DEADLOCK
                    || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** A short random pause, so the transactions that met do not meet again at once. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
