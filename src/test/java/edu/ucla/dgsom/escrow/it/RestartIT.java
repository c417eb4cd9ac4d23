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
    void while_the_database_is_away_requests_answer_503_to_retry_and_readiness_is_down_then_all_comes_back()
            throws Exception {
        Api admin = Api.admin();
        assertEquals(200, admin.get("/api/v1/session").status());
        LiveService.stack().embeddedDatabase().stop();
        try {
            for (String path : new String[] {"/api/v1/session", "/api/v1/departments"}) {
                Api.Reply refused = admin.get(path);
                assertEquals(503, refused.status(), path + ": " + refused);
                assertTrue(refused.contentType().startsWith("application/problem+json"), refused::toString);
                assertTrue(refused.json().getString("type").endsWith("/service-unavailable"), refused::toString);
                assertEquals("2", refused.header("Retry-After"));
            }
            Api.Reply ready = api.get("/health/ready");
            assertEquals(503, ready.status(), ready::toString);
            assertEquals("DOWN", ready.json().getString("status"));
        } finally {
            LiveService.stack().embeddedDatabase().start();
        }
        assertEquals(200, admin.get("/api/v1/session").status());
        assertEquals(200, admin.get("/api/v1/departments").status());
        // Connections the pool held across the outage are found broken and replaced within a check or two.
        Api.Reply ready = api.get("/health/ready");
        for (int check = 1; check < 10 && ready.status() != 200; check++) {
            System.out.println("Readiness " + check + " after the outage: " + ready.body());
            Thread.sleep(1000);
            ready = api.get("/health/ready");
        }
        assertEquals("UP", ready.json().getString("status"), ready::toString);
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
