package edu.ucla.dgsom.escrow.it;

import static edu.ucla.dgsom.escrow.it.PlatformIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.ucla.dgsom.escrow.policy.entity.AttestationPeriod;
import edu.ucla.dgsom.escrow.security.Secrets;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The periodic attestation of the compliance report (docs/policy.md) over HTTP: each department with accounts gets an
 * attestation for the current period, one of its owners attests the report they read, and the audit chain's signed
 * checkpoints let the offline verifier prove who attested to which digest, and when.
 */
@ExtendWith(LiveService.class)
class AttestationIT {

    /** A department with an account, and its attestation of the current period once the opening found it. */
    private record Attesting(CredentialsIT.Fixture fixture, JsonObject attestation) {

        static Attesting create(String code) throws InterruptedException {
            CredentialsIT.Fixture fixture = CredentialsIT.Fixture.create(code);
            return new Attesting(fixture, awaitAttestation(fixture.owner().api(), fixture.departmentId()));
        }

        String path(String rest) {
            return "/api/v1/attestations/" + attestation.getString("id") + rest;
        }

        String digestRead() {
            Api.Reply read = fixture.owner().api().get("/api/v1/compliance/report?departmentId="
                    + fixture.departmentId());
            assertEquals(200, read.status(), read::toString);
            return read.json().getString("digest");
        }
    }

    /** The one attestation of a department with accounts, once the opening (every 2 s here) found it. */
    static JsonObject awaitAttestation(Api api, String departmentId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Api.Reply listed = api.get("/api/v1/attestations?departmentId=" + departmentId);
            assertEquals(200, listed.status(), listed::toString);
            List<JsonObject> found = listed.parse().asJsonArray().getValuesAs(JsonObject.class);
            if (!found.isEmpty()) {
                assertEquals(1, found.size(), found::toString);
                return found.get(0);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no attestation opened for " + departmentId);
    }

    private static String signature(String digest, String verdict, String corrections) {
        var body = Json.createObjectBuilder().add("reportDigest", digest).add("verdict", verdict);
        if (corrections != null) {
            body.add("corrections", corrections);
        }
        return body.build().toString();
    }

    @Test
    void a_period_opens_for_every_department_with_accounts() throws Exception {
        String empty = People.createDepartment("ATTEST0-" + Instant.now().toEpochMilli());
        People.Session emptyOwner = People.departmentOwner(empty);
        Attesting department = Attesting.create("ATTEST1");
        AttestationPeriod period = AttestationPeriod.containing(Instant.now(), 3, ZoneId.of("America/Los_Angeles"));
        JsonObject opened = department.attestation();
        assertEquals("OPEN", opened.getString("state"));
        assertEquals(department.fixture().departmentId(), opened.getString("departmentId"));
        assertEquals(period.id(), opened.getString("periodId"));
        assertEquals(period.start(), Instant.parse(opened.getString("periodStart")));
        assertEquals(period.end(), Instant.parse(opened.getString("periodEnd")));
        assertEquals(List.of(), emptyOwner.api().get("/api/v1/attestations?departmentId=" + empty).parse()
                .asJsonArray(), "a department without accounts attests nothing");
        Thread.sleep(4_000);
        assertEquals(1, TestDatabase.count("SELECT COUNT(*) FROM escrow.attestation WHERE department_id = '"
                + department.fixture().departmentId() + "'"), "opened once, however often the timer runs");
        assertEquals(1, TestDatabase.auditCount("action = 'ATTESTATION_OPEN' AND target_id = '"
                + opened.getString("id") + "'"));
        JsonObject listed = Api.admin().get("/api/v1/attestations?state=open&periodId=" + period.id()).parse()
                .asJsonArray().getValuesAs(JsonObject.class).stream()
                .filter(a -> a.getString("id").equals(opened.getString("id"))).findFirst().orElseThrow();
        assertEquals(opened, listed, "DGIT lists every department's");
        assertProblem(department.fixture().owner().api().get(department.path("/report")), 404, "not-found");
    }

    @Test
    void an_owner_attests_the_report_they_read_and_its_exact_bytes_are_kept() throws Exception {
        Attesting department = Attesting.create("ATTEST2");
        Api owner = department.fixture().owner().api();
        Api.Reply read = owner.get("/api/v1/compliance/report?format=csv&departmentId="
                + department.fixture().departmentId());
        String digest = read.header("X-Report-Digest");
        Api.Reply signed = owner.post(department.path("/signature"), signature(digest, "CORRECT", null));
        assertEquals(200, signed.status(), signed::toString);
        assertEquals("ATTESTED", signed.json().getString("state"));
        assertEquals(department.fixture().owner().personId(), signed.json().getString("attestedBy"));
        assertEquals(digest, signed.json().getString("reportDigest"));
        assertEquals("CORRECT", signed.json().getString("verdict"));
        assertFalse(signed.json().containsKey("corrections") && !signed.json().isNull("corrections"));

        Api.Reply kept = owner.get(department.path("/report"));
        assertEquals(200, kept.status(), kept::toString);
        assertEquals(read.body(), kept.body(), "the exact report read");
        assertEquals(digest, Secrets.sha256Hex(kept.body().getBytes(StandardCharsets.UTF_8)));
        assertEquals(digest, kept.header("X-Report-Digest"));
        assertEquals(signed.json(), Api.admin().get(department.path("")).json(), "DGIT reads it");
        assertEquals(1, TestDatabase.auditCount("action = 'ATTESTATION_SIGN' AND outcome = 'ALLOWED' AND target_id"
                + " = '" + department.attestation().getString("id") + "'"));
    }

    @Test
    void a_report_that_changed_since_it_was_read_is_refused() throws Exception {
        Attesting department = Attesting.create("ATTEST3");
        Api owner = department.fixture().owner().api();
        String before = department.digestRead();
        Api.Reply stated = owner.send("PATCH", "/api/v1/accounts/" + department.fixture().accountId(),
                "{\"platformMfa\":\"NONE\"}", "Content-Type", "application/json");
        assertEquals(200, stated.status(), stated::toString);
        Api.Reply stale = owner.post(department.path("/signature"), signature(before, "CORRECT", null));
        assertProblem(stale, 409, "conflict");
        assertTrue(stale.json().getString("detail").contains("changed since you read it"), stale::toString);
        assertEquals(1, TestDatabase.auditCount("action = 'ATTESTATION_SIGN' AND outcome = 'DENIED' AND target_id"
                + " = '" + department.attestation().getString("id") + "'"), "the refusal is audited");
        assertEquals(200, owner.post(department.path("/signature"), signature(department.digestRead(), "CORRECT",
                null)).status(), "read again, attested");
    }

    @Test
    void attesting_twice_is_a_conflict_naming_its_state() throws Exception {
        Attesting department = Attesting.create("ATTEST4");
        Api owner = department.fixture().owner().api();
        String digest = department.digestRead();
        assertEquals(200, owner.post(department.path("/signature"), signature(digest, "CORRECT", null)).status());
        Api.Reply twice = owner.post(department.path("/signature"), signature(digest, "CORRECT", null));
        assertProblem(twice, 409, "conflict");
        assertEquals("ATTESTED", twice.json().getString("currentState"));
    }

    @Test
    void corrections_are_required_with_that_verdict_and_kept_with_the_attestation() throws Exception {
        Attesting department = Attesting.create("ATTEST5");
        Api owner = department.fixture().owner().api();
        String digest = department.digestRead();
        assertProblem(owner.post(department.path("/signature"), signature(digest, "CORRECTIONS", null)), 400,
                "validation-failed");
        assertProblem(owner.post(department.path("/signature"), signature(digest, "CORRECT", "Nothing")), 400,
                "validation-failed");
        assertProblem(owner.post(department.path("/signature"), signature(digest, "MAYBE", null)), 400,
                "validation-failed");
        String corrections = "The Instagram account moved to the Department of Medicine in November.";
        Api.Reply signed = owner.post(department.path("/signature"), signature(digest, "CORRECTIONS", corrections));
        assertEquals(200, signed.status(), signed::toString);
        assertEquals(corrections, owner.get(department.path("")).json().getString("corrections"));
        assertEquals("CORRECTIONS", signed.json().getString("verdict"));
    }

    @Test
    void only_the_departments_owners_attest() throws Exception {
        Attesting department = Attesting.create("ATTEST6");
        String digest = department.digestRead();
        People.Session dgit = People.dgitAdmin(department.fixture().departmentId());
        assertProblem(dgit.api().post(department.path("/signature"), signature(digest, "CORRECT", null)), 403,
                "forbidden");
        People.Session otherOwner = People.departmentOwner(People.createDepartment("ATTEST6B-"
                + Instant.now().toEpochMilli()));
        assertProblem(otherOwner.api().post(department.path("/signature"), signature(digest, "CORRECT", null)), 404,
                "not-found");
        assertProblem(otherOwner.api().get(department.path("")), 404, "not-found");
        assertEquals(List.of(), otherOwner.api().get("/api/v1/attestations?departmentId="
                + department.fixture().departmentId()).parse().asJsonArray(), "another's are not listed");
        assertProblem(department.fixture().contentOwner().api().post(department.path("/signature"),
                signature(digest, "CORRECT", null)), 404, "not-found");
        assertEquals("OPEN", Api.admin().get(department.path("")).json().getString("state"));
        assertEquals(3, TestDatabase.auditCount("action = 'ATTESTATION_SIGN' AND outcome = 'DENIED' AND target_id = '"
                + department.attestation().getString("id") + "'"), "each refusal is audited");
    }

    @Test
    void a_missing_attestation_is_reminded_to_the_owners_after_7_days_then_escalated_to_dgit_after_14()
            throws Exception {
        Attesting attesting = Attesting.create("ATTREM");
        String id = attesting.attestation().getString("id");
        String code = Api.admin().get("/api/v1/departments/" + attesting.fixture().departmentId()).json()
                .getString("code");
        TestDatabase.update("UPDATE escrow.attestation SET opened_at = UTC_TIMESTAMP(6) - INTERVAL 8 DAY"
                + " WHERE id = '" + id + "'");
        Reminded.awaitReminders("ATTESTATION", List.of(id), 1);
        AccountRequestsIT.awaitMailTo(Reminded.email(attesting.fixture().owner().personId()),
                "Attestation due: the compliance report of department " + code);
        assertEquals("OPEN", Api.admin().get(attesting.path("")).json().getString("state"));

        TestDatabase.update("UPDATE escrow.attestation SET opened_at = UTC_TIMESTAMP(6) - INTERVAL 15 DAY"
                + " WHERE id = '" + id + "'");
        Reminded.awaitReminders("ATTESTATION", List.of(id), 2);
        AccountRequestsIT.awaitMailTo(Reminded.email(People.adminId()),
                "Attestation missing: the compliance report of department " + code);
        assertEquals("ESCALATED", Api.admin().get(attesting.path("")).json().getString("state"));
        assertEquals(2, TestDatabase.auditCount("action = 'POLICY_REMINDER' AND target_id = '" + id + "'"),
                "one entry per reminder, the escalation included");
    }

    @Test
    void the_offline_verifier_proves_who_attested_to_what_and_when() throws Exception {
        Attesting department = Attesting.create("ATTEST7");
        String digest = department.digestRead();
        String corrections = "The backup moderator changes in January.";
        Api.Reply signed = department.fixture().owner().api().post(department.path("/signature"),
                signature(digest, "CORRECTIONS", corrections));
        assertEquals(200, signed.status(), signed::toString);
        String id = department.attestation().getString("id");
        long seq = awaitSealed(id);
        awaitCheckpointAtOrAfter(seq);

        Path dir = LiveService.testDir();
        Path export = AuditIT.downloadExport(dir.resolve("audit-export-attestation.jsonl"));
        Path key = AuditIT.downloadPublicKey(dir.resolve("audit-public-key-attestation.pem"));
        AuditIT.Verifier verified = AuditIT.offlineVerify(export, key, dir.resolve("audit-checkpoints.jsonl"));
        assertEquals(0, verified.exit(), verified.output());
        assertTrue(verified.output().startsWith("OK: entries 1 to "), verified.output());

        JsonObject entry;
        try (var lines = Files.lines(export)) {
            entry = lines.filter(l -> l.contains("\"action\":\"ATTESTATION_SIGN\"") && l.contains("\"targetId\":\""
                    + id + "\"") && l.contains("\"outcome\":\"ALLOWED\"")).map(l -> Json.createReader(
                    new StringReader(l)).readObject()).findFirst().orElseThrow();
        }
        assertEquals(seq, entry.getJsonNumber("seq").longValue());
        assertEquals(department.fixture().owner().personId(), entry.getString("actorId"), "who");
        JsonObject details = Json.createReader(new StringReader(entry.getString("details"))).readObject();
        assertEquals(digest, details.getString("reportDigest"), "to what");
        assertEquals(signed.json().getString("reportDigest"), details.getString("reportDigest"));
        assertEquals(Secrets.sha256Hex(corrections), details.getString("correctionsDigest"));
        assertEquals("CORRECTIONS", details.getString("verdict"));
        assertEquals(department.attestation().getString("periodId"), details.getString("period"));
        Instant when = Instant.parse(entry.getString("occurredAt"));
        assertTrue(Duration.between(when, Instant.parse(signed.json().getString("attestedAt"))).abs()
                .compareTo(Duration.ofSeconds(5)) < 0, "when: " + when);
        assertEquals(digest, Secrets.sha256Hex(department.fixture().owner().api().get(department.path("/report"))
                .body().getBytes(StandardCharsets.UTF_8)), "the stored report is the one the chain names");
    }

    private static long awaitSealed(String attestationId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            long seq = TestDatabase.count("SELECT COALESCE(MAX(seq), 0) FROM escrow_audit.audit_event WHERE action ="
                    + " 'ATTESTATION_SIGN' AND outcome = 'ALLOWED' AND target_id = '" + attestationId + "'");
            if (seq > 0) {
                return seq;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the attestation's entry was not sealed");
    }

    private static void awaitCheckpointAtOrAfter(long seq) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (TestDatabase.count("SELECT COALESCE(MAX(seq), 0) FROM escrow_audit.audit_checkpoint") < seq) {
            assertTrue(System.nanoTime() < deadline, "no signed checkpoint covers the entry " + seq);
            Thread.sleep(250);
        }
    }
}
