package edu.ucla.dgsom.escrow.health.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the database answers within two seconds and, on a Galera node, while that node accepts queries
 * ({@code wsrep_ready}): a joining node, or one cut off from the cluster's majority, answers a ping but refuses work,
 * and the load balancer should send this instance nothing until it is synced again.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    private static final String NAME = "database";

    @Resource(lookup = "jdbc/escrow")
    DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(2)) {
                return HealthCheckResponse.named(NAME).down().build();
            }
            String wsrepReady = wsrepReady(connection);
            return HealthCheckResponse.named(NAME).status(nodeReady(wsrepReady))
                    .withData("cluster", wsrepReady == null ? "none" : "wsrep_ready=" + wsrepReady).build();
        } catch (SQLException e) {
            return HealthCheckResponse.named(NAME).down().withData("error", e.getClass().getSimpleName()).build();
        }
    }

    /**
     * {@code wsrep_ready}'s value (ON or OFF) on a Galera node; null on a server that is not one. MariaDB's builds
     * carry wsrep even when it is off, and then report {@code wsrep_ready} OFF: only {@code wsrep_on} says which.
     */
    private static String wsrepReady(Connection connection) throws SQLException {
        if (!"ON".equalsIgnoreCase(value(connection, "SHOW GLOBAL VARIABLES LIKE 'wsrep\\_on'"))) {
            return null;
        }
        String ready = value(connection, "SHOW GLOBAL STATUS LIKE 'wsrep\\_ready'");
        return ready == null ? "OFF" : ready;
    }

    /** The value column of a one-row SHOW, or null when it shows nothing. */
    private static String value(Connection connection, String show) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(show)) {
            return row.next() ? row.getString(2) : null;
        }
    }

    static boolean nodeReady(String wsrepReady) {
        return wsrepReady == null || "ON".equalsIgnoreCase(wsrepReady);
    }
}
