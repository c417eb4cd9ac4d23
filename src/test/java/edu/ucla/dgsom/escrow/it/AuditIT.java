package edu.ucla.dgsom.escrow.it;

import static edu.ucla.dgsom.escrow.it.PlatformIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.ucla.dgsom.escrow.audit.control.AuditChain;
import edu.ucla.dgsom.escrow.audit.control.AuditCheckpoint;
import edu.ucla.dgsom.escrow.audit.control.AuditVerifier;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
import java.util.Locale;
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
        // A failure against a real person has an entry of its own (one for a name of nobody is only counted).
        String username = "audit-signin-" + UUID.randomUUID().toString().substring(0, 8);
        People.createPerson(People.createDepartment("AUD" + UUID.randomUUID().toString().substring(0, 6)
                .toUpperCase(Locale.ROOT)), username, "audit-password-12");
        String failed = "audit-signin-" + UUID.randomUUID();
        Api.live().post("/api/v1/session", "{\"username\":\"" + username + "\",\"password\":\"whatever-it-is\"}",
                "X-Request-Id", failed);
        JsonObject signIn = onlyEntry(failed, "SIGN_IN");
        assertEquals("SIGN_IN", signIn.getString("action"));
        assertEquals("FAILED", signIn.getString("outcome"));
        assertEquals(username, signIn.getString("actorName"));
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
        Api.Reply rotation = People.admin().post("/api/v1/keys/rotations",
                "{\"reason\":\"Audit test: yearly rotation\"}", "X-Request-Id", rotated);
        assertEquals(202, rotation.status(), rotation::toString);
        JsonObject started = onlyEntry(rotated, "KEY_ROTATION_START");
        assertEquals("KEY_ROTATION_START", started.getString("action"));
        assertEquals("ALLOWED", started.getString("outcome"));
        assertEquals("Audit test: yearly rotation", started.getString("reason"));
        assertEquals("PERSON", started.getString("actorType"));
        assertEquals(People.adminId(), started.getString("actorId"));
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
    void theAppUserMayOnlyReadAndAppendTheChainAndItsPendingQueueWhichStillSealsAndVerifies() throws Exception {
        String url = "jdbc:mariadb://127.0.0.1:" + LiveService.stack().database().port() + "/escrow_audit";
        String requestId = "app-user-append-" + UUID.randomUUID();
        try (Connection app = DriverManager.getConnection(url, "escrow", "escrow-dev-only");
                Statement statement = app.createStatement()) {
            statement.executeQuery("SELECT COUNT(*) FROM audit_event").close();
            assertThrows(SQLException.class, () -> statement.executeUpdate("UPDATE audit_event SET reason = 'x'"));
            assertThrows(SQLException.class, () -> statement.executeUpdate("DELETE FROM audit_event"));
            assertThrows(SQLException.class, () -> statement.executeUpdate("DELETE FROM audit_checkpoint"));
            assertThrows(SQLException.class, () -> statement.executeUpdate("DROP TABLE audit_event"));
            assertThrows(SQLException.class, () -> statement.executeUpdate("UPDATE audit_pending SET reason = 'x'"));
            assertThrows(SQLException.class, () -> statement.executeUpdate("DELETE FROM audit_pending"));
            assertThrows(SQLException.class, () -> statement.executeUpdate("TRUNCATE TABLE audit_pending"));
            assertThrows(SQLException.class, () -> statement.executeUpdate("DROP TABLE audit_pending"));

            app.setAutoCommit(false);
            statement.executeUpdate("INSERT INTO audit_pending (occurred_at, actor_type, action, outcome, request_id)"
                    + " VALUES (UTC_TIMESTAMP(6), 'SYSTEM', 'AUDIT_VERIFY', 'ALLOWED', '" + requestId + "')");
            statement.execute("CALL release_sealed_pending(1, 9223372036854775807)");
            try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM audit_pending WHERE request_id = '"
                    + requestId + "'")) {
                rows.next();
                assertEquals(1, rows.getInt(1), "the procedure removes only entries that are in the chain");
            }
            app.commit();
        }
        awaitSealed();
        assertEquals(1, TestDatabase.count("SELECT COUNT(*) FROM escrow_audit.audit_event WHERE request_id = '"
                + requestId + "'"), "the appended entry was chained");
        assertTrue(verify().getBoolean("ok"));
    }

    @Test
    @Order(3)
    void withTheAuditTrailUnwritableASecretBearingActionAnswers503AndReturnsNoSecret() throws Exception {
        Api admin = People.admin();
        int tokensBefore = admin.get("/api/v1/tokens").parse().asJsonArray().size();
        TestDatabase.update("RENAME TABLE escrow_audit.audit_pending TO escrow_audit.audit_pending_off");
        Api.Reply reply;
        try {
            reply = admin.post("/api/v1/tokens", "{\"name\":\"never\",\"role\":\"AUDITOR\",\"expiresAt\":\""
                    + Instant.now().plusSeconds(3600) + "\"}");
        } finally {
            TestDatabase.update("RENAME TABLE escrow_audit.audit_pending_off TO escrow_audit.audit_pending");
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
        TestDatabase.update("RENAME TABLE escrow_audit.audit_pending TO escrow_audit.audit_pending_off");
        Api.Reply reveal;
        Api.Reply code;
        try {
            reveal = account.contentOwner().api().post(account.path("/reveal"), "{\"reason\":\"Posting during"
                    + " the audit outage\"}");
            code = account.contentOwner().api().post(account.path("/totp"), "{\"reason\":\"Posting during"
                    + " the audit outage\"}");
        } finally {
            TestDatabase.update("RENAME TABLE escrow_audit.audit_pending_off TO escrow_audit.audit_pending");
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
        long sealing = System.nanoTime();
        awaitSealed();
        System.out.printf("100,000 pending entries chained in %.1f s%n", (System.nanoTime() - sealing) / 1e9);
        assertTrue(verify().getBoolean("ok"));
        Path dir = LiveService.testDir();
        Path export = downloadExport(dir.resolve("audit-export.jsonl"));
        Path key = downloadPublicKey(dir.resolve("audit-public-key.pem"));
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
        int inText = text.indexOf("\"actorName\":\"bulk-", text.length() / 2) + "\"actorName\":\"bulk-".length();
        // A byte offset: entries before it may hold characters of several bytes (e.g. OpenApiFuzzIT's refusals).
        int at = text.substring(0, inText).getBytes(StandardCharsets.UTF_8).length;
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
        long keep = head - 3;
        // Set aside and put back afterwards: the suite ends by verifying that its whole trail is intact.
        TestDatabase.update("CREATE TABLE escrow_audit.removed_event AS SELECT * FROM escrow_audit.audit_event"
                + " WHERE seq > " + keep);
        TestDatabase.update("CREATE TABLE escrow_audit.removed_checkpoint AS SELECT * FROM"
                + " escrow_audit.audit_checkpoint WHERE seq > " + keep);
        try {
            TestDatabase.update("DELETE FROM escrow_audit.audit_event WHERE seq > " + keep);
            TestDatabase.update("DELETE FROM escrow_audit.audit_checkpoint WHERE seq > " + keep);
            // No checkpoint for what is chained meanwhile: it would contradict the rows put back.
            TestDatabase.update("UPDATE escrow.audit_chain_state SET last_seq = " + keep + ", checkpoint_seq = "
                    + keep + ", checkpoint_at = '2999-01-01', last_hash = (SELECT entry_hash FROM"
                    + " escrow_audit.audit_event WHERE seq = " + keep + ")");
            JsonObject verdict = verify();
            assertFalse(verdict.getBoolean("ok"), verdict::toString);
            assertTrue(verdict.getJsonNumber("firstBadSeq").longValue() <= head - 2, verdict::toString);
            assertTrue(verdict.getString("problem").contains("removed")
                    || verdict.getString("problem").contains("rewritten"), verdict::toString);
        } finally {
            putBack(keep);
        }
        assertTrue(verify().getBoolean("ok"), "put back");
    }

    /**
     * Restores the rows set aside above, under the chain-state lock: what was chained after {@code keep} in the
     * meantime goes back into the queue, to be chained again after them.
     */
    private static void putBack(long keep) throws SQLException {
        String fields = "occurred_at, actor_type, actor_id, actor_name, actor_roles, action, target_type, target_id,"
                + " department_id, outcome, reason, client_address, request_id, details";
        try (Connection connection = TestDatabase.connect(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.executeQuery("SELECT last_seq FROM escrow.audit_chain_state WHERE id = 1 FOR UPDATE").close();
            statement.executeUpdate("INSERT INTO escrow_audit.audit_pending (" + fields + ") SELECT " + fields
                    + " FROM escrow_audit.audit_event WHERE seq > " + keep + " ORDER BY seq");
            statement.executeUpdate("DELETE FROM escrow_audit.audit_event WHERE seq > " + keep);
            statement.executeUpdate("INSERT INTO escrow_audit.audit_event SELECT * FROM escrow_audit.removed_event");
            statement.executeUpdate("INSERT INTO escrow_audit.audit_checkpoint SELECT * FROM"
                    + " escrow_audit.removed_checkpoint");
            statement.executeUpdate("UPDATE escrow.audit_chain_state SET"
                    + " last_seq = (SELECT MAX(seq) FROM escrow_audit.audit_event),"
                    + " last_hash = (SELECT entry_hash FROM escrow_audit.audit_event ORDER BY seq DESC LIMIT 1),"
                    + " checkpoint_seq = (SELECT MAX(seq) FROM escrow_audit.audit_checkpoint),"
                    + " checkpoint_at = UTC_TIMESTAMP(6)");
            connection.commit();
            statement.execute("DROP TABLE escrow_audit.removed_event, escrow_audit.removed_checkpoint");
        }
    }

    @Test
    @Order(8)
    void aBurstOfAnonymousRefusalsFromOneAddressBecomesOneEntryPerWindowWithItsCount() throws Exception {
        int burst = 300;
        long window = LiveService.ANONYMOUS_REFUSAL_WINDOW_SECONDS;
        // Starts with a fresh window, so that the windows of the burst hold nothing else.
        Instant start = Instant.ofEpochSecond((Instant.now().getEpochSecond() / window + 1) * window);
        Thread.sleep(Duration.between(Instant.now(), start).toMillis() + 50);
        for (int i = 0; i < burst; i++) {
            assertEquals(401, Api.live().get("/api/v1/departments?probe=" + i).status());
        }
        long windowsSpanned = Instant.now().getEpochSecond() / window - start.getEpochSecond() / window + 1;
        Instant deadline = Instant.now().plusSeconds(window * 4 + 20);
        List<JsonObject> entries = new ArrayList<>();
        long counted = 0;
        while (counted < burst && Instant.now().isBefore(deadline)) {
            Thread.sleep(1000);
            entries.clear();
            JsonArray items = admin.get("/api/v1/audit/events?action=REQUEST_DENIED&limit=500&from=" + start).json()
                    .getJsonArray("items");
            for (JsonObject item : items.getValuesAs(JsonObject.class)) {
                if ("ANONYMOUS".equals(item.getString("actorType"))) {
                    entries.add(item);
                }
            }
            counted = entries.stream().mapToLong(e -> Long.parseLong(details(e).getString("refusals"))).sum();
        }
        assertEquals(burst, counted, entries::toString);
        assertTrue(entries.size() <= windowsSpanned, "at most one entry per window the burst spanned ("
                + windowsSpanned + "): " + entries);
        assertEquals(entries.size(), entries.stream().map(e -> details(e).getString("window")).distinct().count(),
                "no window written twice: " + entries);
        for (JsonObject entry : entries) {
            assertEquals("127.0.0.1", entry.getString("clientAddress"), entry::toString);
            assertEquals("not authenticated", entry.getString("reason"));
            assertEquals("DENIED", entry.getString("outcome"));
        }
        assertTrue(entries.get(entries.size() - 1).getString("details").contains("\"path\":\"/departments\""),
                "the first refused request of the window: " + entries);
    }

    private static JsonObject details(JsonObject entry) {
        return Json.createReader(new StringReader(entry.getString("details"))).readObject();
    }

    @Test
    @Order(9)
    void aCheckpointFileWithAnotherInstallationsCheckpointsIsReportedAsSuchNotAsRewrittenEntries() throws Exception {
        Path file = LiveService.testDir().resolve("audit-checkpoints.jsonl");
        long head = awaitExternalCheckpointAtHead(file);
        String installation = Api.live().get("/api/v1/installation").json().getString("id");
        String wiped = UUID.randomUUID().toString();
        // What a wiped database left behind: signed with the same development key, for sequence numbers this chain
        // also has, over entries this chain does not have.
        AuditCheckpoint unsigned = new AuditCheckpoint(head - 1, new byte[32], AuditChain.micros(Instant.now()), wiped,
                AuditChain.keyId(AuditVerifier.publicKey(Api.live().get("/api/v1/keys/audit-public-key").body())),
                null);
        AuditCheckpoint foreign = new AuditCheckpoint(unsigned.seq(), unsigned.headHash(), unsigned.createdAt(), wiped,
                unsigned.keyId(), TestDatabase.barrier().sign(AuditChain.checkpointPayload(unsigned)));
        byte[] original = Files.readAllBytes(file);
        Files.writeString(file, AuditChain.checkpointLine(foreign) + "\n", StandardOpenOption.APPEND);
        try {
            String warning = "checkpoint " + (head - 1) + " belongs to installation " + wiped + ", not this one ("
                    + installation + "): ignored";
            Instant asked = Instant.now();
            JsonObject online = verify();
            assertTrue(online.getBoolean("ok"), online::toString);
            assertEquals(List.of(warning), online.getJsonArray("warnings").getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString).toList());
            JsonObject last = online.getJsonObject("lastCheckpoint");
            assertTrue(last.getJsonNumber("seq").longValue() >= head, "this installation's newest, not the other's: "
                    + online);
            assertEquals(AuditChain.keyId(AuditVerifier.publicKey(Api.live().get("/api/v1/keys/audit-public-key")
                    .body())), last.getString("keyFingerprint"));
            assertEquals("the audit signing key of installation " + installation, last.getString("signedBy"));
            assertFalse(Instant.parse(last.getString("createdAt")).isAfter(Instant.parse(online.getString(
                    "checkedAt"))), online::toString);
            assertFalse(Instant.parse(online.getString("checkedAt")).isBefore(asked), online::toString);

            Path dir = LiveService.testDir();
            Verifier offline = offlineVerify(downloadExport(dir.resolve("audit-export-foreign.jsonl")),
                    downloadPublicKey(dir.resolve("audit-public-key.pem")), file);
            assertEquals(0, offline.exit(), offline.output());
            assertTrue(offline.output().startsWith("OK: entries 1 to "), offline.output());
            assertTrue(offline.output().endsWith("WARNING: " + warning), offline.output());
        } finally {
            Files.write(file, original);
        }
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
                "INSERT INTO escrow_audit.audit_pending (occurred_at, actor_type, actor_id, actor_name, action, outcome, reason,"
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

    record Verifier(int exit, String output) {
    }

    /** Runs the offline verifier as the docs say: plain java on the build's classes, export, key[, checkpoints]. */
    static Verifier offlineVerify(Path... files) throws IOException, InterruptedException {
        Path classes = Path.of(System.getProperty("escrow.project.dir"), "target", "classes");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classes.toString(), "edu.ucla.dgsom.escrow.audit.control.AuditVerifier"));
        for (Path file : files) {
            command.add(file.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES));
        return new Verifier(process.exitValue(), output);
    }

    /** The whole trail as JSON lines, as an auditor downloads it. */
    static Path downloadExport(Path target) throws IOException, InterruptedException {
        HttpResponse<Path> download = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(LiveService.baseUri().resolve("/api/v1/audit/export?format=jsonl"))
                        .header("Authorization", "Bearer " + LiveService.ADMIN_TOKEN).build(),
                HttpResponse.BodyHandlers.ofFile(target, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE));
        assertEquals(200, download.statusCode());
        return target;
    }

    static Path downloadPublicKey(Path target) throws IOException {
        Api.Reply key = Api.live().get("/api/v1/keys/audit-public-key");
        assertEquals(200, key.status(), key::toString);
        return Files.writeString(target, key.body());
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
        while (TestDatabase.count("SELECT COUNT(*) FROM escrow_audit.audit_pending") > 0) {
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
                        && TestDatabase.count("SELECT COUNT(*) FROM escrow_audit.audit_pending") == 0) {
                    return head;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no external checkpoint reached the head of the chain");
    }
}
