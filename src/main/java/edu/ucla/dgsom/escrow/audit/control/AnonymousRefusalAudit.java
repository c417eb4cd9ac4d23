package edu.ucla.dgsom.escrow.audit.control;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Every five seconds, on every instance: closed windows of anonymous refusals become audit entries. */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AnonymousRefusalAudit {

    private static final Logger LOG = Logger.getLogger(AnonymousRefusalAudit.class.getName());

    @Inject
    AnonymousRefusals refusals;

    private final AtomicBoolean running = new AtomicBoolean();

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
    void auditClosedWindows() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            while (refusals.auditClosedWindows() > 0) {
                continue;
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Anonymous refusals could not be written to the audit trail; retried in a few"
                    + " seconds", e);
        } finally {
            running.set(false);
        }
    }
}
