package edu.ucla.dgsom.escrow.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The physical bound of a key rotation: its database work over plain JDBC, alone on the machine, on a scratch copy of
 * the sealed values (the service's own stay as they are). Batch by batch, as {@code SealedValues.rewrapBelow} does:
 * lock the next stale values in index order, skipping locked ones, write each back with its new KEK version, commit.
 * The re-wrap's cryptography (an AES key unwrap and wrap per value) is left out.
 */
final class RotationBound {

    private static final String COPY = "escrow.bench_sealed_value";

    private RotationBound() {
    }

    /** Values per second over the whole copy; the latencies are a batch's. */
    static JdbcBound.Measured run(JdbcBound.Connections connections, int batchSize) throws SQLException {
        try (Connection connection = connections.open(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + COPY);
            // LIKE copies the indexes, not the foreign key, so a KEK version the key ring lacks can be written.
            statement.execute("CREATE TABLE " + COPY + " LIKE escrow.sealed_value");
            statement.execute("INSERT INTO " + COPY + " SELECT * FROM escrow.sealed_value");
            try {
                return rewrapAll(connection, statement, batchSize);
            } finally {
                connection.setAutoCommit(true);
                statement.execute("DROP TABLE " + COPY);
            }
        }
    }

    private static JdbcBound.Measured rewrapAll(Connection connection, Statement statement, int batchSize)
            throws SQLException {
        int target;
        try (ResultSet max = statement.executeQuery("SELECT MAX(kek_version) + 1 FROM " + COPY)) {
            max.next();
            target = max.getInt(1);
        }
        connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        connection.setAutoCommit(false);
        List<Long> batches = new ArrayList<>();
        long values = 0;
        long started = System.nanoTime();
        try (PreparedStatement lock = connection.prepareStatement("SELECT id, envelope FROM " + COPY
                + " WHERE kek_version < ? ORDER BY kek_version, id LIMIT ? FOR UPDATE SKIP LOCKED");
                PreparedStatement write = connection.prepareStatement("UPDATE " + COPY
                        + " SET envelope = ?, kek_version = ? WHERE id = ?")) {
            int batch;
            do {
                long batchStarted = System.nanoTime();
                lock.setInt(1, target);
                lock.setInt(2, batchSize);
                batch = 0;
                try (ResultSet stale = lock.executeQuery()) {
                    while (stale.next()) {
                        write.setBytes(1, stale.getBytes(2));
                        write.setInt(2, target);
                        write.setLong(3, stale.getLong(1));
                        write.addBatch();
                        batch++;
                    }
                }
                write.executeBatch();
                connection.commit();
                values += batch;
                batches.add((System.nanoTime() - batchStarted) / 1_000);
            } while (batch > 0);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] latencies = batches.stream().mapToLong(Long::longValue).sorted().toArray();
        return new JdbcBound.Measured(values, seconds, JdbcBound.percentile(latencies, 50),
                JdbcBound.percentile(latencies, 99));
    }
}
