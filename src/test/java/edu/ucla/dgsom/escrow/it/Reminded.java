package edu.ucla.dgsom.escrow.it;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the rotation-reminder tests share: time moved by SQL, waiting for the scheduler and the outbox, and the mails
 * GreenMail received about an account.
 */
final class Reminded {

    private Reminded() {
    }

    /** A mail as a recipient got it. */
    record Received(String recipient, String subject) {
    }

    /**
     * Makes the accounts' credentials due at {@code UTC_TIMESTAMP(6) + INTERVAL <offset>} (e.g. {@code 13 DAY},
     * {@code -1 HOUR}), as if last rotated {@code intervalDays} before, in one statement.
     */
    static void dueIn(Collection<String> accountIds, String offset, int intervalDays) throws SQLException {
        String ids = accountIds.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", "));
        TestDatabase.update("UPDATE official_account SET next_rotation_due_at = UTC_TIMESTAMP(6) + INTERVAL " + offset
                + ", last_rotated_at = UTC_TIMESTAMP(6) + INTERVAL " + offset + " - INTERVAL " + intervalDays
                + " DAY WHERE id IN (" + ids + ")");
    }

    static long claims(Collection<String> accountIds) throws SQLException {
        return claims("ROTATION", accountIds);
    }

    /** The reminders of {@code topic} claimed for these subjects (accounts, duties...). */
    static long claims(String topic, Collection<String> subjectIds) throws SQLException {
        return TestDatabase.count("SELECT COUNT(*) FROM reminder_sent WHERE topic = '" + topic + "' AND subject_id IN ("
                + subjectIds.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", ")) + ")");
    }

    /**
     * Waits until the accounts' reminders have {@code expected} claims, then a few more ticks (no more may come), then
     * until the outbox is empty (every mail delivered).
     */
    static void awaitReminders(Collection<String> accountIds, long expected) throws Exception {
        awaitReminders("ROTATION", accountIds, expected);
    }

    /** As {@link #awaitReminders(Collection, long)}, for the reminders of {@code topic} about these subjects. */
    static void awaitReminders(String topic, Collection<String> subjectIds, long expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (claims(topic, subjectIds) < expected && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Thread.sleep(3_000);
        awaitEmptyOutbox();
    }

    static void awaitEmptyOutbox() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (TestDatabase.count("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL") > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the outbox was not emptied within 60 s");
            }
            Thread.sleep(200);
        }
        Thread.sleep(500);
    }

    /** Every mail GreenMail received whose subject names {@code handle}, once per recipient. */
    static List<Received> mailsAbout(String handle) throws MessagingException {
        List<Received> received = new ArrayList<>();
        for (MimeMessage message : LiveService.mail().getReceivedMessages()) {
            String subject = message.getSubject();
            if (subject != null && subject.contains(handle)) {
                for (Address recipient : message.getAllRecipients()) {
                    received.add(new Received(recipient.toString(), subject));
                }
            }
        }
        return received;
    }

    /** The stages claimed for an account, by stage name. */
    static Map<String, Long> stages(String accountId) throws SQLException {
        Map<String, Long> stages = new TreeMap<>();
        try (var connection = TestDatabase.connect(); var statement = connection.prepareStatement(
                "SELECT stage, COUNT(*) FROM reminder_sent WHERE topic = 'ROTATION' AND subject_id = ?"
                        + " GROUP BY stage")) {
            statement.setString(1, accountId);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    stages.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return stages;
    }

    static String email(String personId) {
        return Api.admin().get("/api/v1/people/" + personId).json().getString("email");
    }
}
