package edu.ucla.dgsom.escrow.notifications.control;

import edu.ucla.dgsom.escrow.persistence.Deadlocks;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Empties the outbox every few seconds on every instance. Without an SMTP host configured, mail waits. */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class MailDelivery {

    private static final Logger LOG = Logger.getLogger(MailDelivery.class.getName());

    @Inject
    MailOutbox outbox;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean warned = new AtomicBoolean();

    @Schedule(hour = "*", minute = "*", second = "*/2", persistent = false)
    void deliver() {
        if (!outbox.configured()) {
            if (warned.compareAndSet(false, true)) {
                LOG.warning("No SMTP server configured (ESCROW_MAIL_HOST): notifications wait in the outbox");
            }
            return;
        }
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            for (Optional<MailClaim> claim = outbox.claimNextDue(); claim.isPresent(); claim = outbox.claimNextDue()) {
                outbox.deliver(claim.get());
            }
        } catch (RuntimeException e) {
            if (Deadlocks.deadlock(e)) {
                // Another instance claimed the same message at the same moment (another Galera node): it sends it.
                LOG.fine("Mail claim lost to another instance");
                return;
            }
            LOG.log(Level.WARNING, "Mail delivery paused; it resumes in a few seconds", e);
        } finally {
            running.set(false);
        }
    }
}
