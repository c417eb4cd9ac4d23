package edu.ucla.dgsom.escrow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Stopping and starting keeps the data; a schema newer than the code stops the deployment with a clear message. */
@ExtendWith(LiveService.class)
class RestartIT {

    private final Api api = Api.live();

    @Test
    void dataSurvivesARestartOfServerAndDatabase() throws Exception {
        String installation = api.get("/api/v1/installation").json().getString("id");
        LiveService.stack().restart();
        assertEquals(installation, api.get("/api/v1/installation").json().getString("id"));
    }

    @Test
    void aDatabaseMigratedByANewerBuildRefusesToStart() throws Exception {
        String installation = api.get("/api/v1/installation").json().getString("id");
        LiveService.stack().killServer();
        sql("INSERT INTO escrow.schema_history (installed_rank, version, description, type, script, checksum,"
                + " installed_by, execution_time, success) VALUES (9999, '9999', 'from the future', 'SQL',"
                + " 'V9999__from_the_future.sql', 0, 'test', 0, 1)");
        try {
            IOException refused = assertThrows(IOException.class, () -> LiveService.stack().startServer());
            assertTrue(refused.getMessage().contains("Refusing to start: the database schema has migrations this build"
                    + " does not know (9999)"), refused::getMessage);
        } finally {
            sql("DELETE FROM escrow.schema_history WHERE version = '9999'");
            LiveService.stack().startServer();
        }
        assertEquals(installation, api.get("/api/v1/installation").json().getString("id"));
    }

    private static void sql(String statement) throws SQLException {
        try (Connection connection = LiveService.stack().database().rootConnection();
                Statement sql = connection.createStatement()) {
            sql.executeUpdate(statement);
        }
    }
}
