package edu.ucla.dgsom.escrow.access.boundary;

import edu.ucla.dgsom.escrow.access.entity.Person;
import edu.ucla.dgsom.escrow.access.entity.RoleGrant;
import edu.ucla.dgsom.escrow.access.entity.SignIn;
import java.time.Instant;
import java.util.List;

/** A person with their role grants and, if they have one, the state of their sign-in (never a secret). */
public record PersonView(String id, String employeeId, String name, String email, String departmentId, String status,
        String username, String mfa, List<GrantView> roles, Instant createdAt) {

    static PersonView of(Person person, SignIn signIn, List<RoleGrant> grants) {
        return new PersonView(person.id(), person.employeeId(), person.name(), person.email(), person.departmentId(),
                person.status().name(), signIn == null ? null : signIn.username(),
                signIn == null ? null : signIn.mfaState().name(), grants.stream().map(GrantView::of).toList(),
                person.createdAt());
    }
}
