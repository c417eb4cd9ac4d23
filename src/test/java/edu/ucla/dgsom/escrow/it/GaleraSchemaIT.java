package edu.ucla.dgsom.escrow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The schema the migrations make is one a Galera cluster replicates correctly: it replicates only InnoDB tables, and
 * a table without a primary key is replicated row by row with full scans, or, for deletes, inconsistently.
 */
@ExtendWith(LiveService.class)
class GaleraSchemaIT {

    private static final String OURS = "TABLE_SCHEMA IN ('escrow', 'escrow_audit') AND TABLE_TYPE = 'BASE TABLE'";

    @Test
    void every_table_is_innodb_with_a_primary_key() throws Exception {
        assertEquals(List.of(), tables("SELECT CONCAT(TABLE_SCHEMA, '.', TABLE_NAME) FROM information_schema.TABLES t"
                + " WHERE " + OURS + " AND NOT EXISTS (SELECT 1 FROM information_schema.TABLE_CONSTRAINTS c WHERE"
                + " c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME"
                + " AND c.CONSTRAINT_TYPE = 'PRIMARY KEY')"), "tables without a primary key");
        assertEquals(List.of(), tables("SELECT CONCAT(TABLE_SCHEMA, '.', TABLE_NAME) FROM information_schema.TABLES"
                + " WHERE " + OURS + " AND ENGINE <> 'InnoDB'"), "tables of another engine");
        long read = TestDatabase.count("SELECT COUNT(*) FROM information_schema.TABLES WHERE " + OURS);
        assertTrue(read > 20, "the schemas were read: " + read + " tables");
    }

    private static List<String> tables(String sql) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection connection = TestDatabase.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
