package edu.ucla.dgsom.escrow.it;

import static edu.ucla.dgsom.escrow.it.PlatformIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** The tamper-evident audit trail: entries, chain, checkpoints, verification online and offline, export, fail-closed. */
@ExtendWith(LiveService.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditIT {

    private final Api admin = Api.admin();

    @Test
    @Order(1)
    void signInFailureDenialAndRotationEachAppearOnceWithActorOutcomeAndReason() {
        String failed = "audit-signin-" + UUID.randomUUID();
        Api.live().post("/api/v1/session", "{\"username\":\"no-such-user\",\"password\":\"whatever-it-is\"}",
                "X-Request-Id", failed);
        JsonObject signIn = onlyEntry(failed, "SIGN_IN");
        assertEquals("SIGN_IN", signIn.getString("action"));
        assertEquals("FAILED", signIn.getString("outcome"));
        assertTrue(!signIn.containsKey("actorName") || signIn.isNull("actorName"),
                "a name that belongs to nobody is not recorded: " + signIn);
        assertEquals("wrong username or password, or disabled", signIn.getString("reason"));

        String denied = "audit-denied-" + UUID.randomUUID();
        Api.live().bearer(People.token("HR_INTEGRATION")).get("/api/v1/departments", "X-Request-Id", denied);
        JsonObject denial = onlyEntry(denied, "REQUEST_DENIED");
        assertEquals("REQUEST_DENIED", denial.getString("action"));
        assertEquals("DENIED", denial.getString("outcome"));
        assertEquals("TOKEN", denial.getString("actorType"));
        assertEquals("HR_INTEGRATION", denial.getString("actorRoles"));
        assertEquals("role not allowed", denial.getString("reason"));

        String rotated = "audit-rotation-" + UUID.randomUUID();
        Api.Reply rotation = admin.post("/api/v1/keys/rotations", "{\"reason\":\"Audit test: yearly rotation\"}",
                "X-Request-Id", rotated);
        assertEquals(202, rotation.status(), rotation::toString);
        JsonObject started = onlyEntry(rotated, "KEY_ROTATION_START");
        assertEquals("KEY_ROTATION_START", started.getString("action"));
        assertEquals("ALLOWED", started.getString("outcome"));
        assertEquals("Audit test: yearly rotation", started.getString("reason"));
        assertEquals("TOKEN", started.getString("actorType"));
        assertEquals("DGIT_ADMIN", started.getString("actorRoles"));

        CredentialsIT.Fixture account = CredentialsIT.Fixture.create("AUDIT");
        String stored = "audit-credentials-" + UUID.randomUUID();
        String password = TestSecrets.remember("audit-secret-" + UUID.randomUUID());
        Api.Reply rotationOfCredentials = account.owner().api().send("PUT", account.path(""), "{\"reason\":"
                + "\"Audit test: escrow at registration\",\"password\":\"" + password + "\"}", "Content-Type",
                "application/json", "If-Match", "\"0\"", "X-Request-Id", stored);
        assertEquals(201, rotationOfCredentials.status(), rotationOfCredentials::toString);
        JsonObject rotatedCredentials = onlyEntry(stored, "CREDENTIAL_ROTATE");
        assertEquals("ALLOWED", rotatedCredentials.getString("outcome"));
        assertEquals(account.owner().personId(), rotatedCredentials.getString("actorId"));
        assertEquals("Audit test: escrow at registration", rotatedCredentials.getString("reason"));
        assertEquals(account.accountId(), rotatedCredentials.getString("targetId"));

        String revealed = "audit-reveal-" + UUID.randomUUID();
        Api.Reply reveal = account.contentOwner().api().post(account.path("/reveal"), "{\"reason\":\"Audit test:"
                + " posting the weekly update\"}", "X-Request-Id", revealed);
        assertEquals(password, reveal.json().getString("password"), reveal::toString);
        JsonObject revealEntry = onlyEntry(revealed, "CREDENTIAL_REVEAL");
        assertEquals("ALLOWED", revealEntry.getString("outcome"));
        assertEquals("PERSON", revealEntry.getString("actorType"));
        assertEquals(account.contentOwner().personId(), revealEntry.getString("actorId"));
        assertEquals("Audit test: posting the weekly update", revealEntry.getString("reason"));
        assertEquals(account.departmentId(), revealEntry.getString("departmentId"));
        assertTrue(revealEntry.getString("details").contains("\"version\":\"1\""), revealEntry::toString);
        assertFalse(revealEntry.toString().contains(password));
    }

    @Test
    @Order(2)
    void theAppUserMayOnlyReadAndAppendTheAuditSchema() throws Exception {
        String url = "jdbc:mariadb://127.0.0.1:" + LiveService.stack().database().port() + "/escrow_audit";
        try (Connection app = DriverManager.getConnection(url, "escrow", "escrow-dev-only");
                Statement statement = app.createStatement()) {
            statement.executeQuery("SELECT COUNT(*) FROM audit_event").close();
            assertThrows(SQLException.class, () -> statement.executeUpdate("UPDATE audit_event SET reason = 'x'"));
            assertThrows(SQLException.class, () -> statement.executeUpdate("DELETE FROM audit_event"));
            assertThrows(SQLException.class, () -> statement.executeUpdate("DELETE FROM audit_checkpoint"));
            assertThrows(SQLException.class, () -> statement.executeUpdate("DROP TABLE audit_event"));
        }
    }

    @Test
    @Order(3)
    void withTheAuditTrailUnwritableASecretBearingActionAnswers503AndReturnsNoSecret() throws Exception {
        Api admin = People.admin();
        int tokensBefore = admin.get("/api/v1/tokens").parse().asJsonArray().size();
        TestDatabase.update("RENAME TABLE escrow.audit_pending TO escrow.audit_pending_off");
        Api.Reply reply;
        try {
            reply = admin.post("/api/v1/tokens", "{\"name\":\"never\",\"role\":\"AUDITOR\",\"expiresAt\":\""
                    + Instant.now().plusSeconds(3600) + "\"}");
        } finally {
            TestDatabase.update("RENAME TABLE escrow.audit_pending_off TO escrow.audit_pending");
        }
        assertProblem(reply, 503, "service-unavailable");
        assertFalse(reply.body().contains("esc_t_"), reply::body);
        assertEquals(tokensBefore, admin.get("/api/v1/tokens").parse().asJsonArray().size(), "nothing was done");
    }

    @Test
    @Order(3)
    void withTheAuditTrailUnwritableARevealAnswers503AndCarriesNoSecret() throws Exception {
        CredentialsIT.Fixture account = CredentialsIT.Fixture.create("AUDIT503");
        String password = TestSecrets.remember("unwritable-" + UUID.randomUUID());
        assertEquals(201, account.owner().api().send("PUT", account.path(""), "{\"reason\":\"Escrow before the"
                + " outage\",\"password\":\"" + password + "\",\"totp\":{\"secret\":\""
                + TestSecrets.remember("KRUGS4ZANFZSAYJAONSWKZBAMZXXEIDUMVZXI===") + "\"}}", "Content-Type",
                "application/json", "If-Match",
                "\"0\"").status());
        TestDatabase.update("RENAME TABLE escrow.audit_pending TO escrow.audit_pending_off");
        Api.Reply reveal;
        Api.Reply code;
        try {
            reveal = account.contentOwner().api().post(account.path("/reveal"), "{\"reason\":\"Posting during"
                    + " the audit outage\"}");
            code = account.contentOwner().api().post(account.path("/totp"), "{\"reason\":\"Posting during"
                    + " the audit outage\"}");
        } finally {
            TestDatabase.update("RENAME TABLE escrow.audit_pending_off TO escrow.audit_pending");
        }
        assertProblem(reveal, 503, "service-unavailable");
        assertFalse(reveal.body().contains(password), reveal::body);
        assertProblem(code, 503, "service-unavailable");
        assertEquals(password, account.contentOwner().api().post(account.path("/reveal"), "{\"reason\":\"After"
                + " the outage is over\"}").json().getString("password"), "works again once the trail is back");
    }

    @Test
    @Order(4)
    void thirtyTwoConcurrentWritersOfAThousandActionsEachLeaveAGapFreeVerifiedChain() throws Exception {
        String token = People.token("HR_INTEGRATION");
        URI uri = LiveService.baseUri().resolve("/api/v1/departments");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String run = UUID.randomUUID().toString().substring(0, 8);
        ExecutorService writers = Executors.newFixedThreadPool(32);
        long started = System.nanoTime();
        List<Future<Integer>> results = new ArrayList<>();
        for (int w = 0; w < 32; w++) {
            int writer = w;
            results.add(writers.submit(() -> {
                int refused = 0;
                for (int i = 0; i < 1000; i++) {
                    HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                            .header("X-Request-Id", "w-" + run + "-" + writer + "-" + i).GET().build();
                    if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 403) {
                        refused++;
                    }
                }
                return refused;
            }));
        }
        int refused = 0;
        for (Future<Integer> result : results) {
            refused += result.get(10, TimeUnit.MINUTES);
        }
        writers.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        long sealStart = System.nanoTime();
        JsonObject verdict = verify();
        System.out.printf("32 writers x 1000 audited actions: %.1f s, %.0f actions/s; chain caught up and verified"
                + " in %.1f s more%n", seconds, 32_000 / seconds, (System.nanoTime() - sealStart) / 1e9);
        assertEquals(32_000, refused);
        assertTrue(verdict.getBoolean("ok"), verdict::toString);
        assertEquals(32_000, TestDatabase.count("SELECT COUNT(DISTINCT request_id) FROM escrow_audit.audit_event"
                + " WHERE request_id LIKE 'w-" + run + "-%' AND action = 'REQUEST_DENIED'"));
        assertEquals(32_000, TestDatabase.count("SELECT COUNT(*) FROM escrow_audit.audit_event"
                + " WHERE request_id LIKE 'w-" + run + "-%' AND action = 'REQUEST_DENIED'"), "no duplicates");
        assertEquals(TestDatabase.count("SELECT COUNT(*) FROM escrow_audit.audit_event"),
                TestDatabase.count("SELECT MAX(seq) FROM escrow_audit.audit_event"), "no gaps");
    }

    @Test
    @Order(5)
    void anExportOf100000EntriesVerifiesOfflineWithThePublicKeyAloneAndFailsWhenOneByteChanges() throws Exception {
        appendPendingEntries(100_000);
        awaitSealed();
        assertTrue(verify().getBoolean("ok"));
        Path dir = LiveService.testDir();
        Path export = dir.resolve("audit-export.jsonl");
        Path key = dir.resolve("audit-public-key.pem");
        Files.writeString(key, Api.live().get("/api/v1/keys/audit-public-key").body());
        HttpResponse<Path> download = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                LiveService.baseUri().resolve("/api/v1/audit/export?format=jsonl"))
                .header("Authorization", "Bearer " + LiveService.ADMIN_TOKEN).build(),
                HttpResponse.BodyHandlers.ofFile(export));
        assertEquals(200, download.statusCode());
        long entries;
        try (var lines = Files.lines(export)) {
            entries = lines.filter(l -> l.startsWith("{\"type\":\"entry\"")).count();
        }
        assertTrue(entries > 100_000, "entries in the export: " + entries);

        Verifier good = offlineVerify(export, key);
        assertEquals(0, good.exit(), good.output());
        assertTrue(good.output().startsWith("OK: entries 1 to "), good.output());

        byte[] bytes = Files.readAllBytes(export);
        String text = new String(bytes, StandardCharsets.UTF_8);
        int at = text.indexOf("\"actorName\":\"bulk-", text.length() / 2) + "\"actorName\":\"bulk-".length();
        bytes[at] = (byte) (bytes[at] == 'x' ? 'y' : 'x');
        Path tampered = dir.resolve("audit-export-tampered.jsonl");
        Files.write(tampered, bytes);
        Verifier bad = offlineVerify(tampered, key);
        assertEquals(1, bad.exit(), bad.output());
        assertTrue(bad.output().startsWith("FAILED at sequence "), bad.output());
        long badSeq = Long.parseLong(bad.output().replaceAll("FAILED at sequence (\\d+):.*(?s).*", "$1"));
        String line = text.substring(text.lastIndexOf('\n', at) + 1, text.indexOf('\n', at));
        assertTrue(line.contains("\"seq\":" + badSeq + ","), "the verifier names the altered entry: " + bad.output());

        Api.Reply csv = admin.get("/api/v1/audit/export?format=csv&from=" + Instant.now().minusSeconds(60));
        assertEquals(200, csv.status());
        assertTrue(csv.body().startsWith("record,seq,occurred_at,"), csv.body().substring(0, 80));
    }

    @Test
    @Order(6)
    void anUpdateOfAnyFieldAndASwapOfTwoRowsAreNamedBySequenceNumber() throws Exception {
        assertTrue(verify().getBoolean("ok"));
        long seq = TestDatabase.count("SELECT MAX(seq) FROM escrow_audit.audit_event") / 2;
        for (String column : new String[] {"reason", "actor_name", "outcome", "occurred_at", "details"}) {
            String original = value(seq, column);
            String replacement = "occurred_at".equals(column) ? "'2001-01-01 00:00:00'" : "'tampered'";
            TestDatabase.update("UPDATE escrow_audit.audit_event SET " + column + " = " + replacement
                    + " WHERE seq = " + seq);
            JsonObject verdict = verify();
            assertFalse(verdict.getBoolean("ok"), column);
            assertEquals(seq, verdict.getJsonNumber("firstBadSeq").longValue(), column + ": " + verdict);
            TestDatabase.update("UPDATE escrow_audit.audit_event SET " + column + " = "
                    + (original == null ? "NULL" : "'" + original.replace("'", "''") + "'") + " WHERE seq = " + seq);
        }
        assertTrue(verify().getBoolean("ok"), "restored");

        swap(seq, seq + 1);
        JsonObject swapped = verify();
        assertFalse(swapped.getBoolean("ok"));
        assertEquals(seq, swapped.getJsonNumber("firstBadSeq").longValue(), swapped::toString);
        swap(seq, seq + 1);
        assertTrue(verify().getBoolean("ok"), "restored");
    }

    @Test
    @Order(7)
    void removingTheNewestRowsIsDetectedThroughTheExternalCheckpoints() throws Exception {
        Path file = LiveService.testDir().resolve("audit-checkpoints.jsonl");
        long head = awaitExternalCheckpointAtHead(file);
        TestDatabase.update("DELETE FROM escrow_audit.audit_event WHERE seq > " + (head - 3));
        TestDatabase.update("DELETE FROM escrow_audit.audit_checkpoint WHERE seq > " + (head - 3));
        TestDatabase.update("UPDATE escrow.audit_chain_state SET last_seq = " + (head - 3) + ", checkpoint_seq = "
                + (head - 3) + ", last_hash = (SELECT entry_hash FROM escrow_audit.audit_event WHERE seq = "
                + (head - 3) + ")");
        JsonObject verdict = verify();
        assertFalse(verdict.getBoolean("ok"), verdict::toString);
        assertTrue(verdict.getJsonNumber("firstBadSeq").longValue() <= head - 2, verdict::toString);
        assertTrue(verdict.getString("problem").contains("removed") || verdict.getString("problem").contains("rewritten"),
                verdict::toString);
    }

    private JsonObject onlyEntry(String requestId, String action) {
        JsonArray items = admin.get("/api/v1/audit/events?requestId=" + requestId + "&action=" + action).json()
                .getJsonArray("items");
        assertEquals(1, items.size(), items::toString);
        return items.getJsonObject(0);
    }

    private JsonObject verify() {
        Api.Reply reply = admin.post("/api/v1/audit/verifications", "");
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    private static void appendPendingEntries(int count) throws SQLException {
        try (Connection connection = TestDatabase.connect(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO audit_pending (occurred_at, actor_type, actor_id, actor_name, action, outcome, reason,"
                        + " client_address, request_id) VALUES (UTC_TIMESTAMP(6), 'PERSON', ?, ?, 'SIGN_IN', 'FAILED',"
                        + " 'bulk', '127.0.0.1', ?)")) {
            connection.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                insert.setString(1, "bulk-" + i);
                insert.setString(2, "bulk-" + i);
                insert.setString(3, "bulk-" + i);
                insert.addBatch();
                if (i % 5000 == 4999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            connection.commit();
        }
    }

    private record Verifier(int exit, String output) {
    }

    private static Verifier offlineVerify(Path export, Path key) throws IOException, InterruptedException {
        Path classes = Path.of(System.getProperty("escrow.project.dir"), "target", "classes");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                classes.toString(), "edu.ucla.dgsom.escrow.audit.control.AuditVerifier", export.toString(),
                key.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES));
        return new Verifier(process.exitValue(), output);
    }

    private static String value(long seq, String column) throws SQLException {
        try (Connection connection = TestDatabase.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT " + column + " FROM escrow_audit.audit_event WHERE seq = "
                        + seq)) {
            rows.next();
            return rows.getString(1);
        }
    }

    /** Exchanges everything but the sequence numbers of two rows, hashes included. */
    private static void swap(long a, long b) throws SQLException {
        String columns = "occurred_at, actor_type, actor_id, actor_name, actor_roles, action, target_type, target_id,"
                + " department_id, outcome, reason, client_address, request_id, details, entry_hash";
        try (Connection connection = TestDatabase.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMPORARY TABLE swap_rows AS SELECT * FROM escrow_audit.audit_event WHERE seq IN ("
                    + a + "," + b + ")");
            StringBuilder set = new StringBuilder();
            for (String column : columns.split(",\\s*")) {
                if (!set.isEmpty()) {
                    set.append(", ");
                }
                set.append("e.").append(column).append(" = s.").append(column);
            }
            statement.executeUpdate("UPDATE escrow_audit.audit_event e JOIN swap_rows s ON s.seq = " + (a + b)
                    + " - e.seq SET " + set);
        }
    }

    /** Waits for the background sealer to chain everything pending, as it does within moments in normal use. */
    private static void awaitSealed() throws Exception {
        Instant deadline = Instant.now().plusSeconds(240);
        while (TestDatabase.count("SELECT COUNT(*) FROM escrow.audit_pending") > 0) {
            assertTrue(Instant.now().isBefore(deadline), "the sealer did not catch up");
            Thread.sleep(500);
        }
    }

    private static long awaitExternalCheckpointAtHead(Path file) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            long head = TestDatabase.count("SELECT last_seq FROM escrow.audit_chain_state");
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                if (!lines.isEmpty() && lines.get(lines.size() - 1).contains("\"seq\":" + head + ",")
                        && TestDatabase.count("SELECT COUNT(*) FROM escrow.audit_pending") == 0) {
                    return head;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no external checkpoint reached the head of the chain");
    }
}
