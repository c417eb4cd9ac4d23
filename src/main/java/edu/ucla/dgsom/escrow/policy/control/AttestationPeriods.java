package edu.ucla.dgsom.escrow.policy.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Opens the current attestation period at startup and every {@code escrow.attestation.open-every} (an hour) after,
 * on every instance: opening is idempotent ({@link Attestations#openPeriod}), so a new period, or a department's first
 * account, gets its attestation within the hour. Opening sends no mail. The timer runs outside a transaction, so a
 * failure is retried at the next interval instead of making the container drop the timer.
 */
@Startup
@Singleton
@DependsOn("Keyring")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AttestationPeriods {

    private static final Logger LOG = Logger.getLogger(AttestationPeriods.class.getName());

    @Resource
    TimerService timers;

    @Inject
    Attestations attestations;

    @Inject
    @ConfigProperty(name = "escrow.attestation.open-every", defaultValue = "PT1H")
    Duration every;

    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(0, every.toMillis(), new TimerConfig(null, false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void open() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            int opened = attestations.openPeriod(Instant.now());
            LOG.fine(() -> opened + " attestations opened");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Attestations could not be opened; retried at the next interval", e);
        } finally {
            running.set(false);
        }
    }
}
