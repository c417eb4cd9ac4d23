package edu.ucla.dgsom.escrow.notifications.control;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The reminder ledger: each reminder goes out once, across restarts and instances. {@link #sendOnce} claims the
 * reminder's key with a row of {@code reminder_sent} and puts its mail in the outbox in the caller's transaction: the
 * claim and the mail commit together or not at all, and a second claim of a key (by this instance, another, or before
 * a restart) inserts nothing, waiting for the first if it has not committed yet. Delivery is the outbox's: a crash
 * between the SMTP server's acceptance and the outbox's commit can deliver a claimed mail twice.
 */
@Stateless
public class Reminders {

    private static final Logger LOG = Logger.getLogger(Reminders.class.getName());

    /** This instance, as {@code claimed_by} names it: pid@host. */
    private static final String INSTANCE = ManagementFactory.getRuntimeMXBean().getName();

    /** Subjects asked about in one query. */
    private static final int BATCH = 500;

    @PersistenceContext
    EntityManager em;

    @Inject
    MailOutbox outbox;

    /** Claims {@code key} and enqueues {@code mails}, unless the key was claimed before: then nothing, and false. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public boolean sendOnce(ReminderKey key, List<Mail> mails) {
        int claimed = em.createNativeQuery("INSERT IGNORE INTO reminder_sent (topic, subject_id, cycle, stage,"
                + " claimed_at, claimed_by, recipients) VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6), ?, ?)")
                .setParameter(1, key.topic()).setParameter(2, key.subjectId()).setParameter(3, key.cycle())
                .setParameter(4, key.stage()).setParameter(5, INSTANCE)
                .setParameter(6, mails.stream().map(Mail::recipient).collect(Collectors.joining(",")))
                .executeUpdate();
        if (claimed == 0) {
            return false;
        }
        if (mails.isEmpty()) {
            LOG.warning(() -> "Reminder " + key + " has nobody to go to; it is recorded as sent");
        }
        mails.forEach(mail -> outbox.enqueue(mail.recipient(), mail.subject(), mail.body()));
        return true;
    }

    /** Those of {@code keys} not claimed yet. */
    public List<ReminderKey> unsent(Collection<ReminderKey> keys) {
        Set<ReminderKey> sent = new HashSet<>();
        keys.stream().collect(Collectors.groupingBy(ReminderKey::topic)).forEach((topic, ofTopic) -> {
            for (int from = 0; from < ofTopic.size(); from += BATCH) {
                List<ReminderKey> batch = ofTopic.subList(from, Math.min(ofTopic.size(), from + BATCH));
                Query query = em.createNativeQuery("SELECT topic, subject_id, cycle, stage FROM reminder_sent"
                        + " WHERE topic = ? AND subject_id IN (" + String.join(", ", Collections.nCopies(batch.size(),
                        "?")) + ")").setParameter(1, topic);
                for (int i = 0; i < batch.size(); i++) {
                    query.setParameter(i + 2, batch.get(i).subjectId());
                }
                for (Object row : query.getResultList()) {
                    Object[] columns = (Object[]) row;
                    sent.add(new ReminderKey((String) columns[0], (String) columns[1], (String) columns[2],
                            (String) columns[3]));
                }
            }
        });
        List<ReminderKey> unsent = new ArrayList<>(keys);
        unsent.removeAll(sent);
        return unsent;
    }
}
