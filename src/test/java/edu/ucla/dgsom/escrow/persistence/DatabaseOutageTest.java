package edu.ucla.dgsom.escrow.persistence;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJBException;
import jakarta.resource.ResourceException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransactionRollbackException;
import org.junit.jupiter.api.Test;

class DatabaseOutageTest {

    private static RuntimeException wrapped(Throwable cause) {
        return new EJBException(new IllegalStateException("commit failed", cause));
    }

    @Test
    void a_broken_or_refused_connection_an_unsynced_node_an_empty_pool_and_a_lasting_conflict_are_outages() {
        assertTrue(DatabaseOutage.causes(wrapped(new SQLNonTransientConnectionException("Socket error", "08000"))));
        assertTrue(DatabaseOutage.causes(wrapped(
                new SQLException("WSREP has not yet prepared node for application use", "08S01", 1047))));
        assertTrue(DatabaseOutage.causes(wrapped(new SQLException("Error in allocating a connection",
                new ResourceException("Connection could not be allocated")))));
        assertTrue(DatabaseOutage.causes(wrapped(new SQLTransactionRollbackException("Deadlock found", "40001",
                1213))));
        assertTrue(DatabaseOutage.causes(wrapped(new SQLException("Lock wait timeout exceeded", "HY000", 1205))));
        assertTrue(DatabaseOutage.causes(wrapped(new javax.transaction.xa.XAException(
                "jakarta.resource.spi.LocalTransactionException: (conn=28) Socket error"))), "a commit that broke");
    }

    @Test
    void a_broken_rule_of_the_schema_or_a_bug_is_not_an_outage() {
        assertFalse(DatabaseOutage.causes(wrapped(new SQLException("Duplicate entry", "23000", 1062))));
        assertFalse(DatabaseOutage.causes(wrapped(new SQLException("Unknown column", "42S22", 1054))));
        assertFalse(DatabaseOutage.causes(new NullPointerException()));
    }
}
