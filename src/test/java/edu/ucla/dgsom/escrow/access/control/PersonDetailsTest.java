package edu.ucla.dgsom.escrow.access.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PersonDetailsTest {

    private static PersonDetails of(String id, String departmentId) {
        Instant now = Instant.parse("2026-12-02T17:00:00Z");
        return new PersonDetails(id, "E-" + id, id, null, null, id + "@example.edu", departmentId, null, true, now, now);
    }

    @Test
    void people_of_one_department_are_told_apart_from_others() {
        assertTrue(of("alice", "d1").sameDepartmentAs(of("bob", "d1")));
        assertFalse(of("alice", "d1").sameDepartmentAs(of("carol", "d2")));
    }
}
