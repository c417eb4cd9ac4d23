package edu.ucla.dgsom.escrow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.ucla.dgsom.escrow.devstack.PayaraMicroProcess;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two instances on one database behave as one: a session, a token or a grant ended on one is refused by the other at
 * once (nothing about callers is cached per instance); each outbox message is sent once, by whichever instance
 * claims it, including a message whose claim was left behind by an instance that died; one leaver offboarded through
 * both has one case whose steps each run once; and their two sealers keep one chain, each checkpoint signed once.
 */
@ExtendWith(LiveService.class)
class TwoInstancesIT {

    private static PayaraMicroProcess second;

    @BeforeAll
    static void startSecondInstance() throws Exception {
        second = LiveService.stack().startAnotherServer(Map.of(), LiveService.extraLog("payara-two-instances"));
    }

    @AfterAll
    static void stopSecondInstance() {
        second.close();
    }

    @Test
    void a_session_made_on_one_instance_serves_on_the_other_and_a_sign_out_on_either_ends_it_on_both() {
        String department = People.createDepartment("TWOI" + UUID.randomUUID().toString().substring(0, 4));
        People.Session member = People.memberWithoutMfa(department);
        Api first = member.api();
        Api other = first.onInstance(second.baseUri());
        assertEquals(member.personId(), other.get("/api/v1/session").json().getString("id"));

        assertEquals(204, other.delete("/api/v1/session").status());
        assertEquals(401, first.get("/api/v1/session").status(), "signed out on the second, refused on the first");
        assertEquals(401, other.get("/api/v1/session").status());
    }

    @Test
    void a_token_revoked_on_one_instance_and_a_role_revoked_on_one_are_refused_by_the_other_at_once() {
        Api.Reply issued = People.admin().post("/api/v1/tokens", Json.createObjectBuilder().add("name", "two instances")
                .add("role", "AUDITOR").add("expiresAt", Instant.now().plusSeconds(3600).toString()).build()
                .toString());
        assertEquals(201, issued.status(), issued::toString);
        Api token = Api.at(second.baseUri()).bearer(TestSecrets.remember(issued.json().getString("token")));
        assertEquals(200, token.get("/api/v1/audit/events?limit=1").status());
        assertEquals(204, People.admin().delete("/api/v1/tokens/" + issued.json().getString("id")).status());
        assertEquals(401, token.get("/api/v1/audit/events?limit=1").status(), "revoked on the first instance");

        String department = People.createDepartment("TWOG" + UUID.randomUUID().toString().substring(0, 4));
        People.Session auditor = People.member(department);
        People.grant(auditor.personId(), "AUDITOR", null);
        Api other = auditor.api().onInstance(second.baseUri());
        assertEquals(200, other.get("/api/v1/audit/events?limit=1").status());
        assertEquals(204, People.admin().delete("/api/v1/people/" + auditor.personId() + "/roles/"
                + People.grantId(auditor.personId(), "AUDITOR")).status());
        assertEquals(403, other.get("/api/v1/audit/events?limit=1").status(), "revoked on the first instance");
    }

    @Test
    void each_message_is_sent_once_by_two_instances_and_a_dead_instances_claim_is_taken_over_when_its_lease_ends()
            throws Exception {
        String batch = UUID.randomUUID().toString().substring(0, 8);
        List<String> recipients = new ArrayList<>();
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            String recipient = "outbox-" + batch + "-" + i + "@dgit.test";
            recipients.add(recipient);
            rows.append(rows.isEmpty() ? "" : ", ").append(outboxRow(recipient, "NULL", "UTC_TIMESTAMP(6)"));
        }
        // Claimed by an instance that died while sending: its lease ends in a few seconds.
        String orphan = "outbox-" + batch + "-orphan@dgit.test";
        rows.append(", ").append(outboxRow(orphan, "'" + UUID.randomUUID() + "'",
                "UTC_TIMESTAMP(6) + INTERVAL 6 SECOND"));
        TestDatabase.update("INSERT INTO mail_outbox (id, recipient, subject, body, created_at, attempts,"
                + " next_attempt_at, claim) VALUES " + rows);

        Reminded.awaitEmptyOutbox();
        recipients.add(orphan);
        Map<String, Long> received = Arrays.stream(LiveService.mail().getReceivedMessages())
                .map(TwoInstancesIT::recipient).filter(recipients::contains)
                .collect(Collectors.groupingBy(r -> r, Collectors.counting()));
        assertEquals(recipients.size(), received.size(), "every message was sent: " + received);
        assertTrue(received.values().stream().allMatch(n -> n == 1), () -> "each once: " + received);
        assertEquals(0, TestDatabase.count("SELECT COUNT(*) FROM mail_outbox WHERE recipient LIKE 'outbox-" + batch
                + "-%' AND (sent_at IS NULL OR claim IS NOT NULL OR attempts <> 1)"));
        assertTrue(TestDatabase.count("SELECT COUNT(*) FROM mail_outbox WHERE recipient = '" + orphan
                + "' AND sent_at >= created_at + INTERVAL 6 SECOND") == 1, "the orphan waited for its lease to end");
    }

    @Test
    void one_leaver_offboarded_through_both_instances_at_once_has_one_case_whose_steps_each_ran_once()
            throws Exception {
        CredentialsIT.Fixture fixture = CredentialsIT.Fixture.create("TWOOFF");
        OffboardingIT.store(fixture);
        String leaver = fixture.contentOwner().personId();
        String request = Json.createObjectBuilder().add("employeeId", OffboardingIT.employeeId(leaver)).build()
                .toString();
        Api hr = Api.live().bearer(People.token("HR_INTEGRATION"));
        // Two requests that are not retries of each other (two keys): the person's one case is the database's rule.
        List<Api.Reply> replies = atOnce(List.of(hr, hr.onInstance(second.baseUri())).stream()
                .map(api -> (Callable<Api.Reply>) () -> api.post("/api/v1/offboardings", request, "Idempotency-Key",
                        UUID.randomUUID().toString())).toList());
        assertEquals(List.of(200, 202), replies.stream().map(Api.Reply::status).sorted().toList(),
                replies::toString);
        Set<String> cases = replies.stream().map(r -> r.json().getString("id")).collect(Collectors.toSet());
        assertEquals(1, cases.size(), "one case: " + replies);
        String caseId = cases.iterator().next();

        assertEquals(1, TestDatabase.count("SELECT COUNT(*) FROM escrow.offboarding_case WHERE person_id = '"
                + leaver + "'"));
        assertEquals(1, TestDatabase.auditCount("action = 'OFFBOARDING_STEP' AND target_id = '" + leaver
                + "' AND details LIKE '%access-ended%'"), "access ended once");
        assertEquals(1, TestDatabase.auditCount("action = 'OFFBOARDING_STEP' AND target_id = '" + caseId
                + "' AND details LIKE '%executed%'"), "handed over once");
        assertEquals(1, TestDatabase.auditCount("action = 'OFFBOARDING_STEP' AND target_id = '"
                + fixture.accountId() + "' AND details LIKE '%rotation-required%'"), "rotation required once");
        Reminded.awaitEmptyOutbox();
        assertTrue(TestDatabase.count("SELECT COUNT(*) FROM escrow.mail_outbox WHERE body LIKE '%" + caseId + "%'")
                > 0, "the case's notifications were queued");
        assertEquals(0, TestDatabase.count("SELECT COUNT(*) - COUNT(DISTINCT recipient, subject) FROM"
                + " escrow.mail_outbox WHERE body LIKE '%" + caseId + "%'"), "each notification queued once");
    }

    @Test
    void two_instances_sealing_at_once_keep_one_chain_with_each_entry_and_each_checkpoint_once() throws Exception {
        CredentialsIT.Fixture fixture = CredentialsIT.Fixture.create("TWOSEAL");
        OffboardingIT.store(fixture);
        long before = TestDatabase.count("SELECT COALESCE(MAX(seq), 0) FROM escrow_audit.audit_event");
        List<Api> instances = List.of(fixture.owner().api(), fixture.owner().api().onInstance(second.baseUri()));
        List<String> requestIds = new ArrayList<>();
        List<Callable<Api.Reply>> reveals = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String requestId = UUID.randomUUID().toString();
            requestIds.add(requestId);
            Api api = instances.get(i % 2);
            reveals.add(() -> api.post(fixture.path("/reveal"), "{\"reason\":\"Two sealers\"}", "X-Request-Id",
                    requestId));
        }
        for (Api.Reply reply : atOnce(reveals)) {
            assertEquals(200, reply.status(), reply::toString);
        }
        for (Api api : List.of(Api.admin(), Api.admin().onInstance(second.baseUri()))) {
            JsonObject verdict = api.post("/api/v1/audit/verifications", "").json();
            assertTrue(verdict.getBoolean("ok"), verdict::toString);
        }
        assertEquals(requestIds.size(), TestDatabase.count("SELECT COUNT(*) FROM escrow_audit.audit_event WHERE"
                + " action = 'CREDENTIAL_REVEAL' AND request_id IN ('" + String.join("','", requestIds) + "')"),
                "each reveal chained once");
        assertEquals(0, TestDatabase.count("SELECT MAX(seq) - MIN(seq) + 1 - COUNT(*) FROM escrow_audit.audit_event"
                + " WHERE seq > " + before), "no gap in the sequence");
        List<Long> signed = Files.readAllLines(LiveService.testDir().resolve("audit-checkpoints.jsonl")).stream()
                .filter(line -> !line.isBlank())
                .map(line -> Json.createReader(new StringReader(line)).readObject().getJsonNumber("seq").longValue())
                .filter(seq -> seq > before).toList();
        assertEquals(signed.size(), new HashSet<>(signed).size(), "each checkpoint signed once: " + signed);
    }

    /** Runs every call at the same moment, on threads of its own, and returns their answers in order. */
    private static <T> List<T> atOnce(List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> answers = new ArrayList<>();
            for (Callable<T> call : calls) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> answer : answers) {
                results.add(answer.get(2, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String outboxRow(String recipient, String claim, String nextAttempt) {
        return "('" + UUID.randomUUID() + "', '" + recipient + "', 'Two instances', 'Sent once.', UTC_TIMESTAMP(6), 0, "
                + nextAttempt + ", " + claim + ")";
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getRecipients(Message.RecipientType.TO)[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
