package edu.ucla.dgsom.escrow.notifications.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends due reminders every {@code escrow.reminders.every} (a minute), on every instance: each tick asks every
 * {@link ReminderSource} what is due, leaves out what was sent, and has the source send each of the others (at most
 * {@code escrow.reminders.batch}) in a transaction of its own. Subjects are taken in a random order, so instances
 * share the work instead of queueing behind one another on the same rows; the ledger ({@link Reminders}) makes each
 * reminder go out once however many look, and a subject that fails does not hold up the others. The timer itself runs outside a transaction, so a
 * failure is retried at the next tick instead of making the container drop the timer.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ReminderScheduler {

    private static final Logger LOG = Logger.getLogger(ReminderScheduler.class.getName());

    @Resource
    TimerService timers;

    @Inject
    @ConfigProperty(name = "escrow.reminders.every", defaultValue = "PT1M")
    Duration every;

    /** At most this many reminders of each source per tick: a tick stays short, and instances share the work. */
    @Inject
    @ConfigProperty(name = "escrow.reminders.batch", defaultValue = "200")
    int batch;

    @Inject
    @Any
    Instance<ReminderSource> sources;

    @Inject
    Reminders reminders;

    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void schedule() {
        long interval = every.toMillis();
        timers.createIntervalTimer(interval, interval, new TimerConfig(null, false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void remind() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            Instant now = Instant.now();
            for (ReminderSource source : sources) {
                remindAll(source, now);
            }
        } finally {
            running.set(false);
        }
    }

    private void remindAll(ReminderSource source, Instant now) {
        List<ReminderKey> due;
        try {
            due = new ArrayList<>(reminders.unsent(source.due(now)));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Due reminders could not be read; retried at the next interval", e);
            return;
        }
        Collections.shuffle(due);
        for (ReminderKey key : due.subList(0, Math.min(batch, due.size()))) {
            try {
                source.remindIfDue(key.subjectId(), now);
            } catch (RuntimeException e) {
                // One subject that cannot be reminded (a lock timeout, a mail address refused) must not hold up others.
                LOG.log(Level.WARNING, "Reminder " + key + " could not be sent; retried at the next interval", e);
            }
        }
    }
}
