package edu.ucla.dgsom.escrow.access.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import edu.ucla.dgsom.escrow.access.entity.SignInThrottle;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Purges stale sign-in throttle rows, expired device cookies and unfinished provider sign-ins every
 * {@code escrow.sign-in.purge-every}, on every instance: the purge is a conditional delete, so instances running it
 * at the same moment do no harm. Each kind of row is deleted in its own transaction and the timer itself runs outside
 * one, so a failed purge (a lock conflict with a sign-in) is simply retried next time instead of failing the timeout,
 * which would make the container drop the timer.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SignInPurge {

    private static final Logger LOG = Logger.getLogger(SignInPurge.class.getName());

    @Resource
    TimerService timers;

    @Inject
    AccessSettings settings;

    @Inject
    SignInThrottles throttles;

    @Inject
    ProviderSignIns providerSignIns;

    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void schedule() {
        long every = settings.purgeEvery().toMillis();
        timers.createIntervalTimer(every, every, new TimerConfig(null, false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void purge() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            int purged = throttles.purgeExpiredDevices() + providerSignIns.purgeExpired();
            for (String prefix : SignInThrottle.KEY_PREFIXES) {
                purged += throttles.purgeStale(prefix);
            }
            int total = purged;
            LOG.fine(() -> "Purged " + total
                    + " stale sign-in throttle rows, expired device cookies and provider sign-ins");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Sign-in throttle rows could not be purged; retried at the next interval", e);
        } finally {
            running.set(false);
        }
    }
}
