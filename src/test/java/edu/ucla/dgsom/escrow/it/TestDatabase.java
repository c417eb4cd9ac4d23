package edu.ucla.dgsom.escrow.it;

import edu.ucla.dgsom.escrow.crypto.control.Barrier;
import edu.ucla.dgsom.escrow.crypto.control.KeyStoreFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Direct access to the test database, for what a black-box test must check or damage behind the service's back. */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static Connection connect() throws SQLException {
        Connection connection = LiveService.stack().database().rootConnection();
        connection.setCatalog("escrow");
        return connection;
    }

    public static long count(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    public static int update(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            return statement.executeUpdate(sql);
        }
    }

    /**
     * Every table's every row and column, text as text and binary as raw bytes, as a backup would hold them: what a
     * stolen dump would give away.
     */
    public static String dump() throws SQLException {
        StringBuilder dump = new StringBuilder();
        try (Connection connection = connect()) {
            DatabaseMetaData meta = connection.getMetaData();
            List<String> tables = new ArrayList<>();
            for (String schema : new String[] {"escrow", "escrow_audit"}) {
                try (ResultSet rows = meta.getTables(schema, null, "%", new String[] {"TABLE"})) {
                    while (rows.next()) {
                        tables.add(schema + "`.`" + rows.getString("TABLE_NAME"));
                    }
                }
            }
            try (Statement statement = connection.createStatement()) {
                for (String table : tables) {
                    dump.append("-- ").append(table).append('\n');
                    try (ResultSet rows = statement.executeQuery("SELECT * FROM `" + table + "`")) {
                        ResultSetMetaData columns = rows.getMetaData();
                        while (rows.next()) {
                            for (int c = 1; c <= columns.getColumnCount(); c++) {
                                dump.append(binary(columns.getColumnType(c))
                                        ? new String(Objects.requireNonNullElse(rows.getBytes(c), new byte[0]),
                                                StandardCharsets.UTF_8)
                                        : rows.getString(c)).append('\t');
                            }
                            dump.append('\n');
                        }
                    }
                }
            }
        }
        return dump.toString();
    }

    private static boolean binary(int sqlType) {
        return sqlType == Types.BINARY || sqlType == Types.VARBINARY || sqlType == Types.LONGVARBINARY
                || sqlType == Types.BLOB;
    }

    /** Audit entries, chained or still pending, matching a condition on request_id, action, outcome, reason... */
    public static long auditCount(String condition) throws SQLException {
        return count("SELECT COUNT(*) FROM (SELECT request_id, action, outcome, reason, actor_type, actor_name,"
                + " actor_roles, target_id FROM escrow_audit.audit_pending UNION ALL SELECT request_id, action, outcome,"
                + " reason, actor_type, actor_name, actor_roles, target_id FROM escrow_audit.audit_event) a WHERE " + condition);
    }

    /** A barrier holding the sample root key and every active KEK of the test database, as an instance would. */
    public static Barrier barrier() throws Exception {
        Path keys = Path.of(System.getProperty("escrow.project.dir")).resolve("keys-sample");
        char[] passphrase = Files.readString(keys.resolve("escrow-dev.passphrase")).strip().toCharArray();
        Barrier barrier = new Barrier(KeyStoreFile.load(keys.resolve("escrow-dev.bcfks"), passphrase));
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT version, wrapped_key, root_key_id FROM key_encryption_key WHERE state = 'ACTIVE'")) {
            while (rows.next()) {
                barrier.installKek(rows.getInt(1), rows.getBytes(2), rows.getString(3));
            }
        }
        return barrier;
    }
}
