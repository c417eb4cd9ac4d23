package edu.ucla.dgsom.escrow.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real OpenID Connect provider for the tests and for {@code mvn -Prun -Descrow.sso=keycloak}: Keycloak's
 * distribution (unpacked from Maven by the build) in development mode on 127.0.0.1, with the realm {@code campus}
 * imported afresh at every start (docs/sso.md, "Testing"). {@code kc.sh} starts a JVM of its own: stopping ends it
 * and every process under it.
 */
public final class KeycloakProcess implements AutoCloseable {

    public static final String REALM = "campus";
    public static final String CLIENT_ID = "escrow";
    /** The test realm's client secret: a development value, as the realm file says. */
    public static final String CLIENT_SECRET = "escrow-test-secret";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);
    private static final System.Logger LOG = System.getLogger(KeycloakProcess.class.getName());

    private final Path home;
    private final Path realm;
    private final int port;
    private final Path log;
    private Process process;

    private KeycloakProcess(Path home, Path realm, int port, Path log) {
        this.home = home;
        this.realm = realm;
        this.port = port;
        this.log = log;
    }

    /** Starts Keycloak from {@code home} with the realm file imported into a fresh database, and waits until ready. */
    public static KeycloakProcess start(Path home, Path realm, int port, Path log) throws IOException {
        KeycloakProcess keycloak = new KeycloakProcess(home, realm, port, log);
        Runtime.getRuntime().addShutdownHook(new Thread(keycloak::close, "keycloak-stop"));
        keycloak.startAgain();
        return keycloak;
    }

    /** Where the build unpacked it, and the realm file of the tests (system properties set by the POM). */
    public static KeycloakProcess startUnpacked(int port, Path log) throws IOException {
        return start(Path.of(System.getProperty("escrow.keycloak.home")),
                Path.of(System.getProperty("escrow.keycloak.realm")), port, log);
    }

    /** Starts it (again, after {@link #stop()}) on the same port, the realm imported afresh. */
    public void startAgain() throws IOException {
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IOException("No Keycloak at " + home + ": the build unpacks it (mvn generate-test-resources)");
        }
        if (!LocalStack.isFree(port)) {
            throw new IOException("Port " + port + " is taken: Keycloak cannot start there");
        }
        // --import-realm skips a realm that exists: a clean database gets the file as it is now.
        LocalStack.deleteRecursively(home.resolve("data/h2"));
        LocalStack.deleteRecursively(home.resolve("data/transaction-logs"));
        Files.createDirectories(home.resolve("data/import"));
        Files.copy(realm, home.resolve("data/import").resolve(REALM + "-realm.json"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port, "--import-realm")
                .directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "development-only-" + port);
        long started = System.nanoTime();
        process = builder.start();
        awaitReady();
        LOG.log(System.Logger.Level.INFO, "Keycloak ready in {0} ms", (System.nanoTime() - started) / 1_000_000);
    }

    /** The realm's issuer, as its discovery document names it. */
    public URI issuer() {
        return URI.create("http://127.0.0.1:" + port + "/realms/" + REALM);
    }

    public int port() {
        return port;
    }

    private void awaitReady() throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(10)).build();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("Keycloak exited with status " + process.exitValue() + tail());
            }
            try {
                if (client.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while waiting for Keycloak", e);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while waiting for Keycloak", e);
            }
        }
        stop();
        throw new IOException("Keycloak did not serve its discovery document within " + READY_TIMEOUT.toSeconds()
                + " s" + tail());
    }

    private String tail() throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return ":\n--- " + log + " ---\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30),
                lines.size()));
    }

    /** Stops Keycloak and the JVM kc.sh started (as an outage would leave it: nothing listening). */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception stillRunning) {
                handle.destroyForcibly();
            }
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }
}
