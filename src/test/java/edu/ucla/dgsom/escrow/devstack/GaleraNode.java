package edu.ucla.dgsom.escrow.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One node of a Galera cluster on loopback: Debian's {@code mariadbd} with its own data directory, configuration and
 * ports under the cluster's directory, run as the {@code mysql} user (rsync state transfers refuse root). Only what
 * {@code ../shared/stack-facts.md} found to work here: a killed node comes back by recovering its position and asking
 * for an incremental state transfer from it.
 */
public final class GaleraNode {

    private static final Pattern RECOVERED = Pattern.compile("WSREP: Recovered position: ([0-9a-f-]+:-?[0-9]+)");
    private static final Duration SYNC_TIMEOUT = Duration.ofMinutes(3);

    private final String name;
    private final Path dir;
    private final int port;
    private final int groupPort;
    private final int istPort;
    private final int sstPort;
    private Process process;

    GaleraNode(String name, Path dir) throws IOException {
        this.name = name;
        this.dir = dir.toAbsolutePath();
        this.port = LocalStack.freePort();
        this.groupPort = LocalStack.freePort();
        this.istPort = LocalStack.freePort();
        this.sstPort = LocalStack.freePort();
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    int groupPort() {
        return groupPort;
    }

    /** Writes the configuration and an empty data directory, owned by {@code mysql}. */
    void install(String clusterAddress) throws IOException, InterruptedException {
        LocalStack.deleteRecursively(dir);
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(configFile(), String.join("\n",
                "[mariadbd]",
                "user=mysql",
                "datadir=" + dir.resolve("data"),
                "socket=" + dir.resolve("mariadb.sock"),
                "pid-file=" + dir.resolve("mariadb.pid"),
                "log-error=" + log(),
                "port=" + port,
                "bind-address=127.0.0.1",
                "skip-name-resolve",
                "skip-ssl",
                "character-set-server=utf8mb4",
                "collation-server=utf8mb4_unicode_ci",
                "innodb_buffer_pool_size=128M",
                "innodb_flush_log_at_trx_commit=2",
                "binlog_format=ROW",
                "default_storage_engine=InnoDB",
                "innodb_autoinc_lock_mode=2",
                "wsrep_on=ON",
                "wsrep_provider=/usr/lib/galera/libgalera_smm.so",
                "wsrep_cluster_name=escrow-test",
                "wsrep_cluster_address=" + clusterAddress,
                "wsrep_node_name=" + name,
                "wsrep_node_address=127.0.0.1",
                "wsrep_sst_method=rsync",
                "wsrep_sst_receive_address=127.0.0.1:" + sstPort,
                "wsrep_slave_threads=2",
                // Survivors notice a dead node in about two seconds instead of six.
                "wsrep_provider_options=\"gmcast.listen_addr=tcp://127.0.0.1:" + groupPort + ";ist.recv_addr=127.0.0.1:"
                        + istPort + ";evs.suspect_timeout=PT1S;evs.inactive_timeout=PT2S;evs.install_timeout=PT2S;"
                        + "evs.keepalive_period=PT0.3S;evs.inactive_check_period=PT0.3S\"",
                ""));
        run(List.of("mariadb-install-db", "--no-defaults", "--datadir=" + dir.resolve("data"), "--user=mysql",
                "--skip-name-resolve", "--auth-root-authentication-method=normal"), dir.resolve("install.log"));
        run(List.of("chown", "-R", "mysql:mysql", dir.toString()), dir.resolve("chown.log"));
    }

    /** Starts the node; {@code extraArguments} such as {@code --wsrep-new-cluster} for the first node. */
    void start(String... extraArguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("mariadbd", "--defaults-file=" + configFile()));
        command.addAll(List.of(extraArguments));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("console.log").toFile())).start();
    }

    /** Stops the node as a crash would. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Starts a killed node again from the position it recovers, so that it catches up incrementally (IST). */
    public void restartAfterKill() throws IOException, InterruptedException {
        Path recoveryLog = dir.resolve("recovery.log");
        Files.deleteIfExists(recoveryLog);
        run(List.of("mariadbd", "--defaults-file=" + configFile(), "--wsrep-recover", "--skip-networking",
                "--log-error=" + recoveryLog), dir.resolve("recovery-console.log"));
        Matcher position = RECOVERED.matcher(Files.readString(recoveryLog));
        if (!position.find()) {
            throw new IOException(name + " recovered no position; see " + recoveryLog);
        }
        start("--wsrep_start_position=" + position.group(1));
    }

    /** Waits until the node has joined and caught up: {@code wsrep_local_state_comment} is Synced. */
    public void awaitSynced() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + SYNC_TIMEOUT.toNanos();
        String state = "not started";
        while (System.nanoTime() < deadline) {
            if (process == null || !process.isAlive()) {
                throw new IOException(name + " exited while joining; see " + log());
            }
            try (Connection connection = rootConnection(); Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery("SHOW GLOBAL STATUS LIKE 'wsrep_local_state_comment'")) {
                state = row.next() ? row.getString(2) : "no wsrep";
                if ("Synced".equals(state)) {
                    return;
                }
            } catch (SQLException notYet) {
                state = notYet.getMessage();
            }
            Thread.sleep(500);
        }
        throw new IOException(name + " is not synced after " + SYNC_TIMEOUT + " (" + state + "); see " + log());
    }

    public Connection rootConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/", "root", "");
    }

    /** Stops the node: SIGTERM, and SIGKILL if it ignores that (a joiner stuck in a state transfer does). */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public Path log() {
        return dir.resolve("error.log");
    }

    private Path configFile() {
        return dir.resolve("my.cnf");
    }

    private static void run(List<String> command, Path output) throws IOException, InterruptedException {
        Process run = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
        if (!run.waitFor(3, TimeUnit.MINUTES) || run.exitValue() != 0) {
            run.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed; see " + output);
        }
    }
}
