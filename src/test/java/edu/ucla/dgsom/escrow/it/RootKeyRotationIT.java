package edu.ucla.dgsom.escrow.it;

import static edu.ucla.dgsom.escrow.it.PlatformIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.ucla.dgsom.escrow.crypto.control.KeyStoreFile;
import edu.ucla.dgsom.escrow.devstack.PayaraMicroProcess;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bouncycastle.asn1.misc.MiscObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Root-key rotation as docs/crypto.md tells an operator to do it: a successor key store made with KeyStoreTool, the
 * service restarted with it and the old store as the previous one, the key ring re-wrapped online, then the old store
 * removed. Afterwards every value opens with the new store alone, and the old store alone opens nothing. The test
 * rotates back to the sample key store at the end, so the shared server keeps its usual keys.
 */
@ExtendWith(LiveService.class)
class RootKeyRotationIT {

    /** Key custody is for a DGIT admin person with MFA, never a token. */
    private final Api api = People.admin();

    @Test
    void aRootKeyRotationMovesEveryKekToTheNewKeyStoreAndTheOldStoreAloneOpensNothing() throws Exception {
        Path sample = Path.of(System.getProperty("escrow.project.dir")).resolve("keys-sample");
        Path oldStore = sample.resolve("escrow-dev.bcfks");
        Path oldPassphrase = sample.resolve("escrow-dev.passphrase");
        Path dir = Files.createDirectories(LiveService.testDir().resolve("root-rotation-" + UUID.randomUUID()));
        Path newStore = dir.resolve("escrow-next.bcfks");
        Path newPassphrase = Files.writeString(dir.resolve("escrow-next.passphrase"),
                TestSecrets.remember("next-passphrase-" + UUID.randomUUID()));
        assertEquals(0, keyStoreTool(Map.of("ESCROW_KEYSTORE_PREVIOUS_PASSPHRASE_FILE", oldPassphrase.toString(),
                "ESCROW_KEYSTORE_PASSPHRASE_FILE", newPassphrase.toString()),
                "successor", oldStore.toString(), newStore.toString()));
        String auditKey = api.get("/api/v1/keys/audit-public-key").body();

        CredentialsIT.Fixture fixture = CredentialsIT.Fixture.create("ROOT");
        List<String> passwords = new ArrayList<>();
        for (int version = 1; version <= 3; version++) {
            String password = TestSecrets.remember("root-rotation-" + version + "-" + UUID.randomUUID());
            Api.Reply stored = CredentialsIT.rotate(fixture.owner().api(), fixture, version - 1,
                    Json.createObjectBuilder().add("reason", "Credentials before the root-key rotation")
                            .add("password", password));
            assertEquals(201, stored.status(), stored::toString);
            passwords.add(password);
        }
        String oldRootKey = onlyRootKey();
        long keks = TestDatabase.count("SELECT COUNT(*) FROM key_encryption_key WHERE state = 'ACTIVE'");

        LiveService.stack().restartServer(Map.of("ESCROW_KEYSTORE_PATH", newStore.toString(),
                "ESCROW_KEYSTORE_PASSPHRASE_FILE", newPassphrase.toString(),
                "ESCROW_KEYSTORE_PREVIOUS_PATH", oldStore.toString(),
                "ESCROW_KEYSTORE_PREVIOUS_PASSPHRASE_FILE", oldPassphrase.toString()));
        assertEquals("UP", api.get("/health/ready").json().getString("status"), "both stores: ready before the rotation");
        try (PayaraMicroProcess oldOnly = LiveService.stack().startAnotherServer(oldStoreOnly(oldStore, oldPassphrase),
                LiveService.extraLog("payara-old-root-key-running"))) {
            assertEquals("UP", readiness(oldOnly).getString("status"), "the old store opens the key ring until the rotation");

            Api.Reply rotated = api.post("/api/v1/keys/root-rotations",
                    "{\"reason\":\"Yearly root key rotation test\"}");
            assertEquals(200, rotated.status(), rotated::toString);
            String newRootKey = rotated.json().getString("rootKey");
            assertNotEquals(oldRootKey, newRootKey);
            assertEquals(List.of(oldRootKey), rotated.json().getJsonArray("previousRootKeys").getValuesAs(
                    jakarta.json.JsonString::getString));
            assertEquals(keks, rotated.json().getInt("rewrapped"));
            assertEquals(newRootKey, onlyRootKey());
            assertEquals(1, TestDatabase.auditCount("action = 'KEY_ROOT_ROTATION' AND outcome = 'ALLOWED'"
                    + " AND reason = 'Yearly root key rotation test'"));
            assertProblem(api.post("/api/v1/keys/root-rotations", "{\"reason\":\"Nothing left to re-wrap\"}"),
                    409, "conflict");

            JsonObject lacking = readiness(oldOnly);
            assertEquals("DOWN", lacking.getString("status"), lacking::toString);
            assertTrue(lacking.toString().contains(newRootKey + " wraps the key ring but is in none of this"
                    + " instance's key stores"), lacking::toString);
        }

        IOException refused = assertThrows(IOException.class, () -> LiveService.stack().startAnotherServer(
                oldStoreOnly(oldStore, oldPassphrase), LiveService.extraLog("payara-old-root-key")));
        assertTrue(refused.getMessage().contains("Refusing to start: the key ring is wrapped by root key "
                + onlyRootKey() + ", which is in none of this instance's key stores"), refused::getMessage);

        LiveService.stack().restartServer(Map.of("ESCROW_KEYSTORE_PREVIOUS_PATH", "",
                "ESCROW_KEYSTORE_PREVIOUS_PASSPHRASE_FILE", ""));
        Api.Reply ready = api.get("/health/ready");
        assertEquals("UP", ready.json().getString("status"), () -> "the new store alone: " + ready.body());
        assertRevealsEveryVersion(fixture, passwords);
        assertEquals(auditKey, api.get("/api/v1/keys/audit-public-key").body(), "the audit signing key carried over");

        // Back to the sample key store, by the same procedure, for the test classes that run after this one.
        LiveService.stack().restartServer(Map.of("ESCROW_KEYSTORE_PATH", oldStore.toString(),
                "ESCROW_KEYSTORE_PASSPHRASE_FILE", oldPassphrase.toString(),
                "ESCROW_KEYSTORE_PREVIOUS_PATH", newStore.toString(),
                "ESCROW_KEYSTORE_PREVIOUS_PASSPHRASE_FILE", newPassphrase.toString()));
        Api.Reply back = api.post("/api/v1/keys/root-rotations", "{\"reason\":\"Back to the sample key store\"}");
        assertEquals(200, back.status(), back::toString);
        assertEquals(oldRootKey, onlyRootKey());
        assertRevealsEveryVersion(fixture, passwords);
    }

    private static Map<String, String> oldStoreOnly(Path store, Path passphrase) {
        return Map.of("ESCROW_KEYSTORE_PATH", store.toString(), "ESCROW_KEYSTORE_PASSPHRASE_FILE", passphrase.toString(),
                "ESCROW_KEYSTORE_PREVIOUS_PATH", "", "ESCROW_KEYSTORE_PREVIOUS_PASSPHRASE_FILE", "");
    }

    private static void assertRevealsEveryVersion(CredentialsIT.Fixture fixture, List<String> passwords) {
        for (int version = 1; version <= passwords.size(); version++) {
            Api.Reply revealed = fixture.owner().api().post(fixture.path("/versions/" + version + "/reveal"),
                    "{\"reason\":\"After the root-key rotation\"}");
            assertEquals(200, revealed.status(), revealed::toString);
            assertEquals(passwords.get(version - 1), revealed.json().getString("password"));
        }
    }

    /** The one root key every active KEK is wrapped by. */
    private static String onlyRootKey() throws Exception {
        assertEquals(1, TestDatabase.count("SELECT COUNT(DISTINCT root_key_id) FROM key_encryption_key"
                + " WHERE state = 'ACTIVE'"));
        assertEquals(0, TestDatabase.count("SELECT COUNT(*) FROM key_encryption_key WHERE state = 'ACTIVE'"
                + " AND root_key_id IS NULL"));
        try (var connection = TestDatabase.connect(); var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT MIN(root_key_id) FROM key_encryption_key"
                        + " WHERE state = 'ACTIVE'")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static JsonObject readiness(PayaraMicroProcess server) throws Exception {
        HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                server.baseUri().resolve("/health/ready")).GET().build(), HttpResponse.BodyHandlers.ofString());
        return Json.createReader(new StringReader(reply.body())).readObject();
    }

    private static String locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs KeyStoreTool as an operator would, in its own JVM, with the compiled classes and Bouncy Castle. */
    private static int keyStoreTool(Map<String, String> environment, String... arguments) throws Exception {
        String classpath = String.join(File.pathSeparator, Stream.of(KeyStoreFile.class, BouncyCastleProvider.class,
                JcaX509v3CertificateBuilder.class, MiscObjectIdentifiers.class)
                .map(RootKeyRotationIT::locationOf).toList());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classpath, "edu.ucla.dgsom.escrow.crypto.boundary.KeyStoreTool"));
        command.addAll(List.of(arguments));
        Path log = LiveService.extraLog("keystore-tool");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process run = builder.start();
        assertTrue(run.waitFor(60, TimeUnit.SECONDS), "KeyStoreTool did not finish");
        System.out.println("KeyStoreTool: " + Files.readString(log, StandardCharsets.UTF_8).strip());
        return run.exitValue();
    }
}
