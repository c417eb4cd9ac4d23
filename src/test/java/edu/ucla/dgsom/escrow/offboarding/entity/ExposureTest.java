package edu.ucla.dgsom.escrow.offboarding.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ExposureTest {

    @Test
    void an_account_the_leaver_held_is_rotated_because_they_held_it_whatever_else_they_did() {
        assertEquals(Exposure.HELD, Exposure.of("a", Set.of("a"), Set.of("a"), Set.of("a")));
        assertEquals("held by the leaver", Exposure.HELD.reason());
    }

    @Test
    void a_reveal_tells_more_than_a_rotation_and_a_rotation_more_than_a_role() {
        assertEquals(Exposure.REVEALED, Exposure.of("a", Set.of(), Set.of("a"), Set.of("a")));
        assertEquals(Exposure.ROTATED, Exposure.of("a", Set.of(), Set.of(), Set.of("a")));
        assertEquals(Exposure.REVEALABLE, Exposure.of("a", Set.of("b"), Set.of("b"), Set.of("b")));
        assertEquals("revealable by the leaver", Exposure.REVEALABLE.reason());
    }
}
