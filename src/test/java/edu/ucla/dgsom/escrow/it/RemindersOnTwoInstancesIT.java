package edu.ucla.dgsom.escrow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.ucla.dgsom.escrow.devstack.PayaraMicroProcess;
import edu.ucla.dgsom.escrow.it.Reminded.Received;
import jakarta.json.Json;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two instances on one database send each rotation reminder, each reminder of an unacknowledged duty and each reminder
 * of a missing attestation once: one mail per recipient, one outbox row per recipient, one claim and one audit entry
 * per reminder, both instances claiming some; and a restarted instance sends none of them again (and puts a due date
 * back on the configured default interval).
 */
@ExtendWith(LiveService.class)
class RemindersOnTwoInstancesIT {

    private static final int PER_STAGE = 4;
    /** Where each group's due date is put, and the stage that is then the latest reached. */
    private static final Map<String, String> OFFSETS = new LinkedHashMap<>(Map.of("13 DAY", "D14", "2 DAY", "D3",
            "-1 HOUR", "DUE", "-8 DAY", "OVERDUE7"));

    /**
     * A department (its code made unique from {@code prefix}) with an owner, and two people without a sign-in of their
     * own who hold its accounts.
     */
    private record Department(String id, String code, People.Session owner, String contentOwner, String moderator) {

        static Department create(String prefix) {
            String id = People.createDepartment(prefix + "-" + UUID.randomUUID().toString().substring(0, 6));
            // The code as the service keeps it (its case normalized), as mails name it.
            String code = Api.admin().get("/api/v1/departments/" + id).json().getString("code");
            return new Department(id, code, People.departmentOwner(id), holder(id, "co"), holder(id, "bm"));
        }

        private static String holder(String department, String role) {
            return People.createPerson(department, "rem-" + role + "-" + UUID.randomUUID().toString().substring(0, 8),
                    "initial-password-1");
        }
    }

    @Test
    void each_reminder_is_sent_once_by_two_instances_and_never_again_after_a_restart() throws Exception {
        Reminded.awaitEmptyOutbox();
        Department unit = Department.create("TWOREM");
        String department = unit.id();
        People.Session owner = unit.owner();
        String contentOwner = unit.contentOwner();
        String moderator = unit.moderator();
        Map<String, String> stageOf = new LinkedHashMap<>();
        Map<String, String> handleOf = new HashMap<>();
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (Map.Entry<String, String> offset : OFFSETS.entrySet()) {
            for (int i = 0; i < PER_STAGE; i++) {
                String handle = "@two-" + UUID.randomUUID();
                String id = escrowedAccount(owner.api(), department, handle, contentOwner, moderator);
                stageOf.put(id, offset.getValue());
                handleOf.put(id, handle);
                groups.computeIfAbsent(offset.getKey(), k -> new ArrayList<>()).add(id);
            }
        }
        List<String> ids = List.copyOf(stageOf.keySet());

        try (PayaraMicroProcess second = LiveService.stack().startAnotherServer(Map.of(),
                LiveService.extraLog("payara-reminders-2"))) {
            assertTrue(second.isAlive());
            for (Map.Entry<String, List<String>> group : groups.entrySet()) {
                Reminded.dueIn(group.getValue(), group.getKey(), 180);
            }
            Reminded.awaitReminders(ids, ids.size());
        }

        assertEquals(ids.size(), Reminded.claims(ids), "one claim per reminder");
        for (String id : ids) {
            assertEquals(Map.of(stageOf.get(id), 1L), Reminded.stages(id), "only the latest stage of each");
        }
        assertEquals(2, TestDatabase.count("SELECT COUNT(DISTINCT claimed_by) FROM reminder_sent WHERE subject_id IN ("
                + quoted(ids) + ")"), "both instances claimed some");
        assertEquals(ids.size(), TestDatabase.auditCount("action = 'POLICY_REMINDER' AND outcome = 'ALLOWED'"
                + " AND actor_type = 'SYSTEM' AND target_id IN (" + quoted(ids) + ")"), "one audit entry per reminder");

        String contentOwnerEmail = Reminded.email(contentOwner);
        String ownerEmail = Reminded.email(owner.personId());
        String adminEmail = Reminded.email(People.adminId());
        Map<String, Integer> delivered = new HashMap<>();
        for (String id : ids) {
            List<Received> mails = Reminded.mailsAbout(handleOf.get(id));
            Map<Received, Long> perRecipient = mails.stream().collect(Collectors.groupingBy(Function.identity(),
                    Collectors.counting()));
            assertTrue(perRecipient.values().stream().allMatch(n -> n == 1), () -> "one mail per recipient: " + mails);
            Set<String> recipients = mails.stream().map(Received::recipient).collect(Collectors.toSet());
            switch (stageOf.get(id)) {
                case "D14", "D3" -> assertEquals(Set.of(contentOwnerEmail), recipients);
                case "DUE" -> assertEquals(Set.of(contentOwnerEmail, ownerEmail), recipients);
                default -> assertTrue(recipients.contains(adminEmail) && !recipients.contains(contentOwnerEmail),
                        recipients::toString);
            }
            assertEquals(1, mails.stream().map(Received::subject).distinct().count(), mails::toString);
            assertEquals(List.of(), outboxDuplicates(handleOf.get(id)), "one outbox row per recipient");
            assertEquals(mails.size(), TestDatabase.count("SELECT COUNT(*) FROM mail_outbox WHERE subject LIKE '%"
                    + handleOf.get(id) + "%'"));
            delivered.put(id, mails.size());
        }

        // A due date that no longer follows the configured default interval is put back on it at the next start.
        String moved = groups.get("13 DAY").get(0);
        TestDatabase.update("UPDATE official_account SET next_rotation_due_at = next_rotation_due_at + INTERVAL 287 DAY"
                + " WHERE id = '" + moved + "'");
        LiveService.stack().restartServer(Map.of());
        assertEquals(1, TestDatabase.count("SELECT COUNT(*) FROM official_account WHERE id = '" + moved
                + "' AND next_rotation_due_at = last_rotated_at + INTERVAL 180 DAY"), "the default applied again");
        Thread.sleep(5_000);
        Reminded.awaitEmptyOutbox();
        assertEquals(ids.size(), Reminded.claims(ids), "no reminder is claimed again after a restart");
        for (String id : ids) {
            assertEquals(delivered.get(id), Reminded.mailsAbout(handleOf.get(id)).size(), "none is sent again");
        }
    }

    @Test
    void each_duty_reminder_is_sent_once_by_two_instances() throws Exception {
        Reminded.awaitEmptyOutbox();
        Department unit = Department.create("TWODUTY");
        String department = unit.id();
        People.Session owner = unit.owner();
        String contentOwner = unit.contentOwner();
        String moderator = unit.moderator();
        Map<String, String> handleOf = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) {
            String handle = "@duty-" + UUID.randomUUID();
            handleOf.put(escrowedAccount(owner.api(), department, handle, contentOwner, moderator), handle);
        }
        String accounts = quoted(List.copyOf(handleOf.keySet()));
        List<String> duties = new ArrayList<>();
        try (Connection connection = TestDatabase.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id FROM holder_duty WHERE account_id IN (" + accounts
                        + ")")) {
            while (rows.next()) {
                duties.add(rows.getString(1));
            }
        }
        assertEquals(16, duties.size(), "a duty for each holder of each account");

        try (PayaraMicroProcess second = LiveService.stack().startAnotherServer(Map.of(),
                LiveService.extraLog("payara-duty-reminders-2"))) {
            assertTrue(second.isAlive());
            TestDatabase.update("UPDATE holder_duty SET assigned_at = UTC_TIMESTAMP(6) - INTERVAL 15 DAY"
                    + " WHERE account_id IN (" + accounts + ")");
            Reminded.awaitReminders("DUTY", duties, duties.size());
        }
        assertEquals(duties.size(), Reminded.claims("DUTY", duties), "one claim per duty");
        assertEquals(2, TestDatabase.count("SELECT COUNT(DISTINCT claimed_by) FROM reminder_sent WHERE topic = 'DUTY'"
                + " AND subject_id IN (" + quoted(duties) + ")"), "both instances claimed some");
        assertEquals(duties.size(), TestDatabase.auditCount("action = 'POLICY_REMINDER' AND outcome = 'ALLOWED'"
                + " AND target_id IN (" + quoted(duties) + ")"), "one audit entry per reminder");
        Set<String> holders = Set.of(Reminded.email(contentOwner), Reminded.email(moderator));
        for (String handle : handleOf.values()) {
            List<Received> mails = Reminded.mailsAbout(handle);
            assertEquals(2, mails.size(), mails::toString);
            assertEquals(holders, mails.stream().map(Received::recipient).collect(Collectors.toSet()),
                    "each holder reminded once of their duty on each account");
            assertEquals(List.of(), outboxDuplicates(handle), "one outbox row per recipient");
        }
    }

    @Test
    void each_attestation_reminder_is_sent_once_by_two_instances() throws Exception {
        Reminded.awaitEmptyOutbox();
        Map<String, Department> departmentOf = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            Department unit = Department.create("TWOATT");
            escrowedAccount(unit.owner().api(), unit.id(), "@att-" + UUID.randomUUID(), unit.contentOwner(),
                    unit.moderator());
            departmentOf.put(AttestationIT.awaitAttestation(Api.admin(), unit.id()).getString("id"), unit);
        }
        List<String> ids = List.copyOf(departmentOf.keySet());

        try (PayaraMicroProcess second = LiveService.stack().startAnotherServer(Map.of(),
                LiveService.extraLog("payara-attestation-reminders-2"))) {
            assertTrue(second.isAlive());
            TestDatabase.update("UPDATE escrow.attestation SET opened_at = UTC_TIMESTAMP(6) - INTERVAL 8 DAY"
                    + " WHERE id IN (" + quoted(ids) + ")");
            Reminded.awaitReminders("ATTESTATION", ids, ids.size());
        }
        assertEquals(ids.size(), Reminded.claims("ATTESTATION", ids), "one claim per attestation");
        assertEquals(2, TestDatabase.count("SELECT COUNT(DISTINCT claimed_by) FROM reminder_sent"
                + " WHERE topic = 'ATTESTATION' AND subject_id IN (" + quoted(ids) + ")"), "both instances claimed some");
        assertEquals(ids.size(), TestDatabase.auditCount("action = 'POLICY_REMINDER' AND outcome = 'ALLOWED'"
                + " AND target_id IN (" + quoted(ids) + ")"), "one audit entry per reminder");
        for (Department unit : departmentOf.values()) {
            String subject = "Attestation due: the compliance report of department " + unit.code();
            List<Received> mails = Reminded.mailsAbout(subject);
            assertEquals(List.of(Reminded.email(unit.owner().personId())), mails.stream().map(Received::recipient)
                    .toList(), "its owner reminded once");
            assertEquals(List.of(), outboxDuplicates(subject), "one outbox row per recipient");
        }
    }

    private static String escrowedAccount(Api owner, String department, String handle, String contentOwner,
            String moderator) {
        Api.Reply created = owner.post("/api/v1/accounts", Json.createObjectBuilder().add("platform", "instagram")
                .add("handle", handle).add("displayName", "Two instances").add("departmentId", department)
                .add("contentOwnerId", contentOwner).add("backupModeratorId", moderator).build().toString());
        assertEquals(201, created.status(), created::toString);
        String id = created.json().getString("id");
        Api.Reply stored = owner.send("PUT", "/api/v1/accounts/" + id + "/credentials", Json.createObjectBuilder()
                .add("reason", "Escrow at registration").add("password", TestSecrets.remember("two-"
                        + UUID.randomUUID())).build().toString(), "Content-Type", "application/json",
                "If-Match", "\"0\"");
        assertEquals(201, stored.status(), stored::toString);
        return id;
    }

    /** Outbox rows whose subject names {@code handle} (an account's, a department's) sent to one recipient twice. */
    private static List<String> outboxDuplicates(String handle) throws Exception {
        List<String> duplicates = new ArrayList<>();
        try (Connection connection = TestDatabase.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT recipient, subject FROM mail_outbox WHERE subject LIKE"
                        + " '%" + handle + "%' GROUP BY recipient, subject HAVING COUNT(*) > 1")) {
            while (rows.next()) {
                duplicates.add(rows.getString(1) + ": " + rows.getString(2));
            }
        }
        return duplicates;
    }

    private static String quoted(List<String> ids) {
        return ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", "));
    }
}
