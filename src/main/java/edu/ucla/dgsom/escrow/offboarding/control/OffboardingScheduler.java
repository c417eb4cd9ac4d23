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
 * Executes due cases every five seconds on every instance, and resumes hand-overs that failed or were interrupted
 * after the leaver's access ended. The schedule lives in the database, so cases survive restarts and a case whose
 * request was interrupted by a crash is executed here; each step runs once, however many instances look (the case
 * row is locked and its state checked), and a case that fails does not hold up the others.
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
            for (String caseId : offboardings.dueCaseIds()) {
                try {
                    if (offboardings.executeIfDue(caseId)) {
                        LOG.info(() -> "Executed offboarding case " + caseId);
                    }
                } catch (RuntimeException e) {
                    // One case that cannot run (e.g. nobody can take over an account) must not hold up the others.
                    LOG.log(Level.WARNING, "Offboarding case " + caseId + " could not be executed; it is retried in a"
                            + " few seconds", e);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Due offboarding cases could not be read; retried in a few seconds", e);
        } finally {
            running.set(false);
        }
    }
}
