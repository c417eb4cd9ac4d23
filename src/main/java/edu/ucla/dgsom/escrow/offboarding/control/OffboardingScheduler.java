package edu.ucla.dgsom.escrow.offboarding.control;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Executes due cases every five seconds on every instance. The schedule lives in the database, so cases survive
 * restarts and a case whose request was interrupted by a crash is executed here; each case runs once, however many
 * instances look (the row is claimed with FOR UPDATE SKIP LOCKED).
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class OffboardingScheduler {

    private static final Logger LOG = Logger.getLogger(OffboardingScheduler.class.getName());

    @Inject
    Offboardings offboardings;

    private final AtomicBoolean running = new AtomicBoolean();

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
    void executeDue() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            while (offboardings.executeNextDue()) {
                LOG.info("Executed a due offboarding case");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "An offboarding case could not be executed; it is retried in a few seconds", e);
        } finally {
            running.set(false);
        }
    }
}
