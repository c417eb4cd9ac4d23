package edu.ucla.dgsom.escrow.persistence;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.function.IntPredicate;

/** Work that must wait for the outcome of the caller's transaction: what others may see only once it committed. */
public final class TransactionOutcomes {

    private TransactionOutcomes() {
    }

    /** Runs {@code action} once the current transaction has committed, at once if there is none running. */
    public static void afterCommit(TransactionSynchronizationRegistry transactions, Runnable action) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            action.run();
            return;
        }
        transactions.registerInterposedSynchronization(new OnOutcome(s -> s == Status.STATUS_COMMITTED, action));
    }

    /** Runs {@code action} if the current transaction ends without committing; with none running, nothing waits. */
    public static void unlessCommitted(TransactionSynchronizationRegistry transactions, Runnable action) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            return;
        }
        transactions.registerInterposedSynchronization(new OnOutcome(s -> s != Status.STATUS_COMMITTED, action));
    }

    private record OnOutcome(IntPredicate when, Runnable action) implements Synchronization {

        @Override
        public void beforeCompletion() {
            // Nothing is known before the outcome.
        }

        @Override
        public void afterCompletion(int status) {
            if (when.test(status)) {
                action.run();
            }
        }
    }
}
