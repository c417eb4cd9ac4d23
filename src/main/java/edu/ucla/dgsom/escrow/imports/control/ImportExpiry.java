package edu.ucla.dgsom.escrow.imports.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
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
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every {@code escrow.imports.sweep-every} (a minute) on every instance, ends the uploads nobody committed within an
 * hour and erases their sealed entries. Instances racing on one upload take turns on its row lock; the second finds it
 * ended already.
 */
@Startup
@Singleton
public class ImportExpiry {

    private static final Logger LOG = Logger.getLogger(ImportExpiry.class.getName());

    @Resource
    TimerService timers;

    @Inject
    @ConfigProperty(name = "escrow.imports.sweep-every", defaultValue = "PT1M")
    Duration every;

    @Inject
    Imports imports;

    @PostConstruct
    void schedule() {
        long interval = every.toMillis();
        timers.createIntervalTimer(interval, interval, new TimerConfig(null, false));
    }

    /** Outside a transaction, so a failed sweep is retried at the next tick rather than the timer dropped. */
    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void sweep() {
        try {
            imports.expireDue(Instant.now());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Expired imports could not be ended; retried at the next interval", e);
        }
    }
}
