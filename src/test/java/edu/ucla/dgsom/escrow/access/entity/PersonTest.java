package edu.ucla.dgsom.escrow.access.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PersonTest {

    private static final Instant NOW = Instant.parse("2026-12-02T17:00:00Z");

    private static Person person() {
        return new Person("E1", "Alice Example", "alice@example.edu", "d1", NOW);
    }

    @Test
    void an_offboarded_person_is_no_longer_active_but_keeps_their_record() {
        Person person = person();
        person.offboard(NOW.plusSeconds(60));
        assertFalse(person.active());
        assertEquals(Person.Status.OFFBOARDED, person.status());
        assertEquals("E1", person.employeeId());
        assertEquals(NOW.plusSeconds(60), person.updatedAt());
    }

    @Test
    void a_person_the_identity_system_deleted_disappears_from_scim_until_reactivated() {
        Person person = person();
        person.offboard(NOW);
        person.scimDeleted(NOW.plusSeconds(1));
        assertFalse(person.scimVisible());
        person.reactivate(NOW.plusSeconds(2));
        assertTrue(person.scimVisible());
        assertTrue(person.active());
    }
}
