package edu.ucla.dgsom.escrow.access.control;

import edu.ucla.dgsom.escrow.access.entity.Person;
import java.time.Instant;

/** A person as other features see them: what they are told, never the entity they could change. */
public record PersonDetails(String id, String employeeId, String name, String givenName, String familyName,
        String email, String departmentId, String userName, boolean active, Instant createdAt, Instant updatedAt) {

    static PersonDetails of(Person person) {
        return new PersonDetails(person.id(), person.employeeId(), person.name(), person.givenName(),
                person.familyName(), person.email(), person.departmentId(), person.userName(), person.active(),
                person.createdAt(), person.updatedAt());
    }

    public boolean sameDepartmentAs(PersonDetails other) {
        return departmentId.equals(other.departmentId);
    }
}
