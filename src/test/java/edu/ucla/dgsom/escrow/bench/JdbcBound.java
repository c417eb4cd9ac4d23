package edu.ucla.dgsom.escrow.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The physical bound of an audited reveal: the database work a reveal must do, over plain JDBC with nothing in
 * between. Each operation locks the account row, reads its current version's sealed values, appends one entry to the
 * audit queue and commits, as {@code Credentials.revealCurrent} does through JPA.
 */
final class JdbcBound {

    private static final String LOCK = "SELECT credential_version FROM escrow.official_account WHERE id = ? FOR UPDATE";
    private static final String SEALED = "SELECT field, kek_version, envelope FROM escrow.sealed_value"
            + " WHERE owner_table = 'credential_version' AND owner_id = ? AND owner_version = ?";
    private static final String AUDIT = "INSERT INTO escrow_audit.audit_pending (occurred_at, actor_type, actor_id,"
            + " actor_name, actor_roles, action, target_type, target_id, department_id, outcome, reason,"
            + " client_address, request_id, details) VALUES (UTC_TIMESTAMP(6), 'PERSON', ?, 'Benchmark bound',"
            + " 'DGIT_ADMIN', 'CREDENTIAL_REVEAL', 'account', ?, NULL, 'ALLOWED', 'Raw JDBC bound of a reveal',"
            + " '127.0.0.1', NULL, '{\"fields\":\"password\",\"version\":\"5\"}')";

    /** Opens a connection to the benchmark's database. */
    interface Connections {
        Connection open() throws SQLException;
    }

    private final Connections connections;
    private final List<String> accountIds;

    JdbcBound(Connections connections, List<String> accountIds) {
        this.connections = connections;
        this.accountIds = accountIds;
    }

    /** What {@code threads} threads, each on its own connection, reach in {@code duration}. */
    Measured run(int threads, Duration duration) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long deadline = System.nanoTime() + duration.toNanos();
            List<Future<long[]>> work = new ArrayList<>();
            long started = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                work.add(pool.submit(() -> loop(deadline)));
            }
            List<long[]> all = new ArrayList<>();
            for (Future<long[]> each : work) {
                all.add(each.get());
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long[] latencies = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            return new Measured(latencies.length, seconds, percentile(latencies, 50), percentile(latencies, 99));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Throughput and latency percentiles in microseconds. */
    record Measured(long operations, double seconds, long p50Micros, long p99Micros) {

        double perSecond() {
            return operations / seconds;
        }
    }

    private long[] loop(long deadline) throws SQLException {
        long[] latencies = new long[1 << 16];
        int count = 0;
        try (Connection connection = connections.open();
                PreparedStatement lock = connection.prepareStatement(LOCK);
                PreparedStatement sealed = connection.prepareStatement(SEALED);
                PreparedStatement audit = connection.prepareStatement(AUDIT)) {
            connection.setAutoCommit(false);
            while (System.nanoTime() < deadline) {
                long start = System.nanoTime();
                String account = accountIds.get(ThreadLocalRandom.current().nextInt(accountIds.size()));
                lock.setString(1, account);
                int version;
                try (ResultSet row = lock.executeQuery()) {
                    row.next();
                    version = row.getInt(1);
                }
                sealed.setString(1, account);
                sealed.setInt(2, version);
                try (ResultSet rows = sealed.executeQuery()) {
                    while (rows.next()) {
                        rows.getBytes(3);
                    }
                }
                audit.setString(1, "bench-bound");
                audit.setString(2, account);
                audit.executeUpdate();
                connection.commit();
                if (count == latencies.length) {
                    latencies = Arrays.copyOf(latencies, count * 2);
                }
                latencies[count++] = (System.nanoTime() - start) / 1_000;
            }
        }
        return Arrays.copyOf(latencies, count);
    }

    static long percentile(long[] sorted, int percent) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }
}
