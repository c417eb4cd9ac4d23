package edu.ucla.dgsom.escrow.health.boundary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DatabaseReadinessTest {

    @Test
    void a_galera_node_is_ready_only_while_wsrep_ready_is_on_and_a_plain_server_always() {
        assertTrue(DatabaseReadiness.nodeReady("ON"));
        assertFalse(DatabaseReadiness.nodeReady("OFF"));
        assertTrue(DatabaseReadiness.nodeReady(null));
    }
}
