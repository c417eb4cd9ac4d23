package edu.ucla.dgsom.escrow.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeadlocksTest {

    private static RuntimeException deadlock() {
        return new IllegalStateException("rolled back", new SQLTransactionRollbackException("Deadlock found", "40001",
                1213));
    }

    @Test
    void a_deadlock_victim_is_run_again_and_its_second_answer_returned() {
        AtomicInteger runs = new AtomicInteger();
        assertEquals("done", Deadlocks.retried(() -> {
            if (runs.incrementAndGet() == 1) {
                throw deadlock();
            }
            return "done";
        }));
        assertEquals(2, runs.get());
    }

    @Test
    void any_other_failure_and_a_third_deadlock_go_to_the_caller() {
        RuntimeException other = new IllegalStateException("no", new SQLException("Lock wait timeout", "HY000", 1205));
        AtomicInteger runs = new AtomicInteger();
        assertSame(other, assertThrows(IllegalStateException.class, () -> Deadlocks.retried(() -> {
            runs.incrementAndGet();
            throw other;
        })));
        assertEquals(1, runs.get());
        AtomicInteger deadlocked = new AtomicInteger();
        assertThrows(IllegalStateException.class, () -> Deadlocks.retried(() -> {
            deadlocked.incrementAndGet();
            throw deadlock();
        }));
        assertEquals(3, deadlocked.get());
    }

    @Test
    void a_checked_failure_of_an_intercepted_call_goes_to_the_caller_as_it_is() {
        Exception checked = new java.io.IOException("not a deadlock");
        assertSame(checked, assertThrows(java.io.IOException.class, () -> Deadlocks.retried(() -> {
            throw checked;
        })));
    }

    @Test
    void a_failed_version_check_is_run_again_like_a_deadlock() {
        AtomicInteger runs = new AtomicInteger();
        assertEquals("done", Deadlocks.retried(() -> {
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("commit failed", new jakarta.persistence.OptimisticLockException());
            }
            return "done";
        }));
        assertEquals(2, runs.get());
    }

    @Test
    void a_deadlock_at_commit_reported_as_text_by_the_transaction_manager_is_run_again() {
        AtomicInteger runs = new AtomicInteger();
        assertEquals("done", Deadlocks.retried(() -> {
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException(new javax.transaction.xa.XAException("jakarta.resource.spi"
                        + ".LocalTransactionException: (conn=11) Deadlock found when trying to get lock; try"
                        + " restarting transaction"));
            }
            return "done";
        }));
        assertEquals(2, runs.get());
    }
}
