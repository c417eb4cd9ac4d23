package edu.ucla.dgsom.escrow.it;

import static edu.ucla.dgsom.escrow.it.PlatformIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.ucla.dgsom.escrow.crypto.control.Barrier;
import edu.ucla.dgsom.escrow.crypto.control.KeyStoreFile;
import edu.ucla.dgsom.escrow.crypto.control.SealContext;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Key custody, rotation under load and across a crash, retirement and readiness, against the running service. */
@ExtendWith(LiveService.class)
class KeysIT {

    private static final int VALUES = 10_000;
    /** Key custody is for a DGIT admin person with MFA, never a token. */
    private final Api api = People.admin();

    @Test
    void rotationOf10000ValuesSurvivesAKill9AndLeavesEveryValueReadable() throws Exception {
        Map<Integer, String> plaintexts = sealValuesBehindTheServicesBack("rotation_test", VALUES);
        int before = currentVersion();

        Api.Reply started = api.post("/api/v1/keys/rotations", "{\"reason\":\"Quarterly key rotation test\"}");
        assertEquals(202, started.status(), started::toString);
        String location = started.header("Location");
        assertTrue(location.contains("/api/v1/keys/rotations/"), location);
        int target = started.json().getInt("targetVersion");
        assertEquals(before + 1, target);

        assertProblem(api.post("/api/v1/keys/rotations", "{\"reason\":\"A second rotation at once\"}"), 409, "conflict");
        assertProblem(api.delete("/api/v1/keys/" + before), 409, "conflict");

        JsonObject halfway = awaitRotation(location, r -> r.getJsonNumber("rewrapped").longValue() >= 1_000);
        assertEquals("RUNNING", halfway.getString("state"), "the rotation finished before the kill: " + halfway);
        assertEquals("UP", api.get("/health/ready").json().getString("status"), "reads go on during a rotation");
        LiveService.stack().killServer();

        long moved = TestDatabase.count("SELECT COUNT(*) FROM sealed_value WHERE kek_version = " + target);
        assertTrue(moved > 0 && moved < VALUES, "killed half-way: " + moved + " of " + VALUES + " re-wrapped");

        LiveService.stack().startServer();
        JsonObject done = awaitRotation(location, r -> "COMPLETED".equals(r.getString("state")));
        assertEquals(0, done.getJsonNumber("remaining").longValue());
        assertEquals(0, TestDatabase.count("SELECT COUNT(*) FROM sealed_value WHERE kek_version <> " + target));

        Barrier barrier = TestDatabase.barrier();
        try (Connection connection = TestDatabase.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT owner_id, envelope FROM sealed_value"
                        + " WHERE owner_table = 'rotation_test'")) {
            int read = 0;
            while (rows.next()) {
                int id = Integer.parseInt(rows.getString(1));
                byte[] plaintext = barrier.open(new SealContext("rotation_test", rows.getString(1), "value", 1),
                        rows.getBytes(2));
                assertEquals(plaintexts.get(id), new String(plaintext, StandardCharsets.UTF_8));
                read++;
            }
            assertEquals(VALUES, read);
        }

        Api.Reply retired = api.delete("/api/v1/keys/" + before);
        assertEquals(204, retired.status(), retired::toString);
        JsonObject old = api.get("/api/v1/keys").parse().asJsonArray().stream().map(v -> v.asJsonObject())
                .filter(v -> v.getInt("version") == before).findFirst().orElseThrow();
        assertEquals("RETIRED", old.getString("state"));
        assertEquals(0, TestDatabase.count("SELECT COUNT(*) FROM key_encryption_key WHERE version = " + before
                + " AND wrapped_key IS NOT NULL"), "a retired key's material is erased");
        assertProblem(api.delete("/api/v1/keys/" + target), 409, "conflict");
        assertProblem(api.delete("/api/v1/keys/" + before), 404, "not-found");
        assertEquals("UP", api.get("/health/ready").json().getString("status"));

        String dump = TestDatabase.dump();
        for (int id = 0; id < VALUES; id += 997) {
            assertFalse(dump.contains(plaintexts.get(id)), "the database dump contains a stored plaintext");
        }
    }

    @Test
    void keyRingIsListedWithoutKeyMaterial() {
        Api.Reply reply = api.get("/api/v1/keys");
        assertEquals(200, reply.status(), reply::toString);
        JsonObject current = reply.parse().asJsonArray().stream().map(v -> v.asJsonObject())
                .filter(v -> v.getBoolean("current")).findFirst().orElseThrow();
        assertEquals("ACTIVE", current.getString("state"));
        assertTrue(current.getJsonNumber("values").longValue() >= 1, "the key check value at least");
        assertTrue(current.getString("rootKey").matches("[0-9a-f]{16}"), current::toString);
        assertFalse(reply.body().contains("wrapped"), reply::body);
    }

    @Test
    void readinessIncludesTheKeys() {
        JsonObject ready = api.get("/health/ready").json();
        assertTrue(ready.getJsonArray("checks").stream().map(c -> c.asJsonObject())
                .anyMatch(c -> "keys".equals(c.getString("name")) && "UP".equals(c.getString("status"))), ready::toString);
    }

    @Test
    void auditPublicKeyIsTheKeyStoresEd25519KeyAsPem() throws Exception {
        Api.Reply reply = api.get("/api/v1/keys/audit-public-key");
        assertEquals(200, reply.status(), reply::toString);
        assertTrue(reply.body().startsWith("-----BEGIN PUBLIC KEY-----\n"), reply::body);
        byte[] der = Base64.getMimeDecoder().decode(reply.body().replaceAll("-----[A-Z ]+-----", ""));

        Path keys = Path.of(System.getProperty("escrow.project.dir")).resolve("keys-sample");
        KeyStore store = KeyStore.getInstance("BCFKS", new BouncyCastleProvider());
        try (var in = Files.newInputStream(keys.resolve("escrow-dev.bcfks"))) {
            store.load(in, Files.readString(keys.resolve("escrow-dev.passphrase")).strip().toCharArray());
        }
        X509Certificate certificate = (X509Certificate) store.getCertificate(KeyStoreFile.SIGNING_KEY_ALIAS);
        assertArrayEquals(certificate.getPublicKey().getEncoded(), der);
        assertEquals("Ed25519", certificate.getPublicKey().getAlgorithm());
    }

    @Test
    void rotationsAreListedNewestFirstEachWithWhatRemains() throws Exception {
        Api.Reply started = api.post("/api/v1/keys/rotations", "{\"reason\":\"Rotation to be listed\"}");
        assertEquals(202, started.status(), started::toString);
        String id = started.json().getString("id");
        JsonObject newest = rotations().get(0);
        assertEquals(id, newest.getString("id"), "the newest first");
        assertTrue(newest.containsKey("remaining"), newest::toString);
        assertEquals("Rotation to be listed", newest.getString("reason"));

        awaitRotation(started.header("Location"), r -> "COMPLETED".equals(r.getString("state")));
        List<JsonObject> listed = rotations();
        assertTrue(listed.size() <= 20, "the latest 20 at most");
        assertEquals(id, listed.get(0).getString("id"));
        assertEquals("COMPLETED", listed.get(0).getString("state"));
        assertEquals(0, listed.get(0).getJsonNumber("remaining").longValue());
        for (int i = 1; i < listed.size(); i++) {
            assertFalse(Instant.parse(listed.get(i).getString("startedAt"))
                    .isAfter(Instant.parse(listed.get(i - 1).getString("startedAt"))), listed::toString);
        }
        assertEquals(200, Api.live().bearer(People.token("AUDITOR")).get("/api/v1/keys/rotations").status(),
                "auditors follow rotations, as they follow one");
    }

    @Test
    void aStartRetriedWithItsIdempotencyKeyIsAnsweredWithTheSameRotationNotASecondOne() throws Exception {
        String key = UUID.randomUUID().toString();
        String request = "{\"reason\":\"Rotation whose answer was lost\"}";
        Api.Reply started = api.post("/api/v1/keys/rotations", request, "Idempotency-Key", key);
        assertEquals(202, started.status(), started::toString);
        awaitRotation(started.header("Location"), r -> "COMPLETED".equals(r.getString("state")));

        Api.Reply retried = api.post("/api/v1/keys/rotations", request, "Idempotency-Key", key);
        assertEquals(202, retried.status(), retried::toString);
        assertEquals("true", retried.header("Idempotent-Replayed"));
        assertEquals(started.header("Location"), retried.header("Location"));
        assertEquals(started.json(), retried.json(), "the first answer, as it was");
        assertEquals(started.json().getString("id"), rotations().get(0).getString("id"), "no second rotation");

        assertProblem(api.post("/api/v1/keys/rotations", "{\"reason\":\"Another rotation\"}", "Idempotency-Key",
                key), 422, "unprocessable");
        assertEquals(started.json().getString("id"), rotations().get(0).getString("id"));
    }

    private List<JsonObject> rotations() {
        Api.Reply reply = api.get("/api/v1/keys/rotations");
        assertEquals(200, reply.status(), reply::toString);
        return reply.parse().asJsonArray().getValuesAs(JsonObject.class);
    }

    @Test
    void unknownRotationIsNotFound() {
        assertProblem(api.get("/api/v1/keys/rotations/" + UUID.randomUUID()), 404, "not-found");
    }

    @Test
    void aServerWithAWrongPassphraseOrNoKeyStoreRefusesToStartWithOneClearLine() throws Exception {
        Path wrongPassphrase = Files.writeString(Files.createTempFile("wrong", ".passphrase"), "not the passphrase");
        IOException wrong = assertThrows(IOException.class, () -> LiveService.stack().startAnotherServer(
                Map.of("ESCROW_KEYSTORE_PASSPHRASE_FILE", wrongPassphrase.toString()),
                LiveService.extraLog("payara-wrong-passphrase")));
        assertTrue(wrong.getMessage().contains("Refusing to start: cannot open the key store at")
                && wrong.getMessage().contains("wrong passphrase or damaged file"), wrong::getMessage);

        IOException missing = assertThrows(IOException.class, () -> LiveService.stack().startAnotherServer(
                Map.of("ESCROW_KEYSTORE_PATH", "/nonexistent/escrow.bcfks"), LiveService.extraLog("payara-no-keys")));
        assertTrue(missing.getMessage().contains("Refusing to start: no key store at /nonexistent/escrow.bcfks"),
                missing::getMessage);
    }

    @Test
    void keyRotationsRacingCredentialRotationsLeaveEveryValueReadableAndSealedUnderTheCurrentKeyOnly()
            throws Exception {
        sealValuesBehindTheServicesBack("race_test", 600);
        CredentialsIT.Fixture fixture = CredentialsIT.Fixture.create("KRACE");
        List<String> accounts = new ArrayList<>(List.of(fixture.accountId()));
        for (int i = 1; i < 6; i++) {
            Api.Reply created = fixture.owner().api().post("/api/v1/accounts", Json.createObjectBuilder()
                    .add("platform", "instagram").add("handle", "@krace-" + UUID.randomUUID())
                    .add("profileUrl", "https://www.instagram.com/dgsom").add("displayName", "Key race " + i)
                    .add("departmentId", fixture.departmentId())
                    .add("contentOwnerId", fixture.contentOwner().personId())
                    .add("backupModeratorId", fixture.moderator().personId()).build().toString());
            assertEquals(201, created.status(), created::toString);
            accounts.add(created.json().getString("id"));
        }
        Map<String, List<String>> passwords = new ConcurrentHashMap<>();
        AtomicBoolean rotating = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(accounts.size());
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (String account : accounts) {
                passwords.put(account, new ArrayList<>());
                writers.add(pool.submit(() -> {
                    do {
                        List<String> stored = passwords.get(account);
                        String password = TestSecrets.remember("key-race-" + UUID.randomUUID());
                        Api.Reply rotated = fixture.owner().api().send("PUT", "/api/v1/accounts/" + account
                                + "/credentials", Json.createObjectBuilder().add("reason", "Rotation racing a key"
                                + " rotation").add("password", password).build().toString(), "Content-Type",
                                "application/json", "If-Match", "\"" + stored.size() + "\"");
                        assertEquals(201, rotated.status(), rotated::toString);
                        stored.add(password);
                        Api.Reply revealed = fixture.owner().api().post("/api/v1/accounts/" + account
                                + "/credentials/reveal", "{\"reason\":\"Reading while the keys rotate\"}");
                        assertEquals(200, revealed.status(), revealed::toString);
                        assertEquals(password, revealed.json().getString("password"));
                    } while (rotating.get());
                    return null;
                }));
            }
            for (int round = 1; round <= 3; round++) {
                Api.Reply started = api.post("/api/v1/keys/rotations", "{\"reason\":\"Rotation racing credential"
                        + " rotations, round " + round + "\"}");
                assertEquals(202, started.status(), started::toString);
                int target = started.json().getInt("targetVersion");
                awaitRotation(started.header("Location"), r -> "COMPLETED".equals(r.getString("state")));
                assertEquals(0, TestDatabase.count("SELECT COUNT(*) FROM sealed_value WHERE kek_version < " + target),
                        "round " + round + ": a value is still sealed under a key older than the completed rotation's");
            }
            rotating.set(false);
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            rotating.set(false);
            pool.shutdownNow();
        }

        int current = currentVersion();
        try (Connection connection = TestDatabase.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT kek_version, envelope FROM sealed_value")) {
            while (rows.next()) {
                assertEquals(current, rows.getInt(1), "every value is sealed under the current key");
                assertEquals(current, Barrier.kekVersionOf(rows.getBytes(2)), "and its envelope says the same");
            }
        }
        for (String account : accounts) {
            List<String> stored = passwords.get(account);
            assertTrue(stored.size() >= 2, "rotations ran during the key rotations: " + stored.size());
            assertEquals(stored.size(), TestDatabase.count("SELECT COUNT(*) FROM credential_version WHERE account_id"
                    + " = '" + account + "'"));
            for (int version = 1; version <= stored.size(); version++) {
                Api.Reply old = fixture.owner().api().post("/api/v1/accounts/" + account + "/credentials/versions/"
                        + version + "/reveal", "{\"reason\":\"Every version after the key race\"}");
                assertEquals(200, old.status(), old::toString);
                assertEquals(stored.get(version - 1), old.json().getString("password"), "version " + version);
            }
        }
    }

    /**
     * A seal in flight when a rotation starts (it read the current KEK under the shared lock the service takes, and
     * has not committed yet) must not be missed by the rotation's last batch: its value ends under the new KEK too.
     */
    @Test
    void aValueBeingSealedWhenARotationStartsIsRewrappedBeforeTheRotationCompletes() throws Exception {
        Barrier barrier = TestDatabase.barrier();
        String plaintext = TestSecrets.remember("in-flight-" + UUID.randomUUID());
        String id = UUID.randomUUID().toString();
        ExecutorService starter = Executors.newSingleThreadExecutor();
        try (Connection sealing = TestDatabase.connect()) {
            sealing.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            sealing.setAutoCommit(false);
            int version;
            try (Statement statement = sealing.createStatement(); ResultSet current = statement.executeQuery(
                    "SELECT MAX(version) FROM key_encryption_key WHERE state = 'ACTIVE' LOCK IN SHARE MODE")) {
                current.next();
                version = current.getInt(1);
            }
            Future<Api.Reply> started = starter.submit(() -> api.post("/api/v1/keys/rotations",
                    "{\"reason\":\"Rotation while a value is being sealed\"}"));
            // The service makes the start wait for this seal. Were it not to, the rotation could complete first:
            // give it the time to (it must not do so while this value is still to be written).
            Instant patience = Instant.now().plusSeconds(3);
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(started.isDone() ? deadline : patience)
                    && !(started.isDone() && "COMPLETED".equals(api.get(started.get().header("Location")).json()
                            .getString("state")))) {
                Thread.sleep(100);
            }
            try (PreparedStatement insert = sealing.prepareStatement("INSERT INTO sealed_value (owner_table, owner_id,"
                    + " field, owner_version, kek_version, envelope, created_at) VALUES ('in_flight_test', ?, 'value',"
                    + " 1, ?, ?, UTC_TIMESTAMP(6))")) {
                insert.setString(1, id);
                insert.setInt(2, version);
                insert.setBytes(3, barrier.seal(new SealContext("in_flight_test", id, "value", 1),
                        plaintext.getBytes(StandardCharsets.UTF_8), version));
                insert.executeUpdate();
            }
            sealing.commit();
            Api.Reply reply = started.get();
            assertEquals(202, reply.status(), reply::toString);
            int target = reply.json().getInt("targetVersion");
            awaitRotation(reply.header("Location"), r -> "COMPLETED".equals(r.getString("state")));
            assertEquals(0, TestDatabase.count("SELECT COUNT(*) FROM sealed_value WHERE kek_version < " + target),
                    "the value sealed while the rotation ran is still under the old key");
        } finally {
            starter.shutdownNow();
        }
        Barrier after = TestDatabase.barrier();
        try (Connection connection = TestDatabase.connect(); PreparedStatement select = connection.prepareStatement(
                "SELECT envelope FROM sealed_value WHERE owner_table = 'in_flight_test' AND owner_id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                assertEquals(plaintext, new String(after.open(new SealContext("in_flight_test", id, "value", 1),
                        row.getBytes(1)), StandardCharsets.UTF_8));
            }
        }
    }

    /** Seals values with the service's own barrier code and keys, as if the service had stored them. */
    private static Map<Integer, String> sealValuesBehindTheServicesBack(String table, int count) throws Exception {
        Barrier barrier = TestDatabase.barrier();
        int version = currentVersion();
        Map<Integer, String> plaintexts = new HashMap<>();
        try (Connection connection = TestDatabase.connect(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO sealed_value (owner_table, owner_id, field, owner_version, kek_version, envelope,"
                        + " created_at) VALUES (?, ?, 'value', 1, ?, ?, UTC_TIMESTAMP(6))")) {
            connection.setAutoCommit(false);
            for (int id = 0; id < count; id++) {
                String plaintext = "rotation-plaintext-" + id + "-" + UUID.randomUUID();
                plaintexts.put(id, plaintext);
                insert.setString(1, table);
                insert.setString(2, Integer.toString(id));
                insert.setInt(3, version);
                insert.setBytes(4, barrier.seal(new SealContext(table, Integer.toString(id), "value", 1),
                        plaintext.getBytes(StandardCharsets.UTF_8), version));
                insert.addBatch();
            }
            insert.executeBatch();
            connection.commit();
        }
        return plaintexts;
    }

    private static int currentVersion() throws Exception {
        return (int) TestDatabase.count("SELECT MAX(version) FROM key_encryption_key WHERE state = 'ACTIVE'");
    }

    private JsonObject awaitRotation(String location, Predicate<JsonObject> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        JsonObject rotation = null;
        while (Instant.now().isBefore(deadline)) {
            Api.Reply reply = api.get(location);
            assertEquals(200, reply.status(), reply::toString);
            rotation = reply.json();
            if (condition.test(rotation)) {
                return rotation;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("rotation did not reach the expected state: " + rotation);
    }
}
