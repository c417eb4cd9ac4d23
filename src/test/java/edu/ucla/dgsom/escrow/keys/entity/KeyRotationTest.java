package edu.ucla.dgsom.escrow.keys.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A rotation to a new KEK runs, counting what it re-wrapped, until no value is left under an older KEK. */
class KeyRotationTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final KeyRotation rotation = new KeyRotation(3, "Yearly rotation of the keys", "admin", T0);

    @Test
    void a_new_rotation_runs_towards_its_target_version() {
        assertTrue(rotation.running());
        assertEquals(3, rotation.targetVersion());
        assertEquals(0, rotation.rewrapped());
        assertNull(rotation.finishedAt());
    }

    @Test
    void batches_add_up_to_what_the_rotation_rewrapped() {
        rotation.progressed(500);
        rotation.progressed(12);

        assertEquals(512, rotation.rewrapped());
    }

    @Test
    void a_rotation_keeps_running_while_values_are_left_under_an_older_kek() {
        rotation.completeIfNoneLeft(7, T0.plusSeconds(1));

        assertTrue(rotation.running());
        assertNull(rotation.finishedAt());
    }

    @Test
    void a_rotation_completes_once_no_value_is_left() {
        rotation.completeIfNoneLeft(0, T0.plusSeconds(9));

        assertFalse(rotation.running());
        assertEquals(KeyRotation.State.COMPLETED, rotation.state());
        assertEquals(T0.plusSeconds(9), rotation.finishedAt());
    }
}
