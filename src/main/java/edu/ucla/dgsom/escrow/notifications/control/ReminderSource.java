package edu.ucla.dgsom.escrow.notifications.control;

import java.time.Instant;
import java.util.List;

/**
 * A kind of reminder the {@link ReminderScheduler} sends (rotation due dates; later holders' duties, attestations):
 * a session bean implementing this is found and asked on every tick, with no change to the scheduler.
 */
public interface ReminderSource {

    /**
     * The reminders due at {@code now}, at most one per subject, read without locks: the scheduler leaves out those
     * already sent and asks {@link #remindIfDue} for the others. Bounded by what is due, not by all there is.
     */
    List<ReminderKey> due(Instant now);

    /**
     * In a transaction of its own: locks the subject, decides again under the lock what is due at {@code now}, and
     * sends it with {@link Reminders#sendOnce} and its audit entry in that transaction. Whether a reminder went out.
     */
    boolean remindIfDue(String subjectId, Instant now);
}
