package edu.ucla.dgsom.escrow.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallerTest {

    private static Caller person(Set<Role> roles, Set<String> owned) {
        return person(roles, owned, Set.of());
    }

    private static Caller person(Set<Role> roles, Set<String> owned, Set<String> supervised) {
        Caller caller = new Caller();
        caller.establish(new Identity(Caller.Kind.PERSON, "p", "Pat", roles, owned, supervised, "session", "csrf",
                null, true, "home", Instant.parse("2026-12-06T00:00:00Z")));
        return caller;
    }

    @Test
    void a_supervisor_supervises_only_their_departments_and_owns_none_of_them() {
        Caller supervisor = person(Set.of(Role.SUPERVISOR), Set.of(), Set.of("mine"));
        assertTrue(supervisor.supervises("mine"));
        assertFalse(supervisor.supervises("other"));
        assertFalse(supervisor.ownsDepartment("mine"), "deciding requests is not managing the accounts");
        assertFalse(person(Set.of(Role.DEPARTMENT_OWNER), Set.of("mine")).supervises("mine"));
    }

    @Test
    void hr_staff_see_every_department_because_they_offboard_anyone() {
        Caller hr = person(Set.of(Role.HR_STAFF), Set.of());
        assertTrue(hr.seesEveryDepartment());
        assertTrue(hr.canSeeDepartment("any"));
        assertFalse(hr.ownsDepartment("any"), "seeing a department is not owning its accounts");
    }

    @Test
    void a_department_owner_sees_only_the_departments_they_own() {
        Caller owner = person(Set.of(Role.DEPARTMENT_OWNER), Set.of("mine"));
        assertFalse(owner.seesEveryDepartment());
        assertTrue(owner.canSeeDepartment("mine"));
        assertFalse(owner.canSeeDepartment("other"));
    }
}
