package edu.ucla.dgsom.escrow.access.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.ucla.dgsom.escrow.security.Role;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessSettingsTest {

    private final AccessSettings settings = new AccessSettings();

    @Test
    void dgit_admins_auditors_hr_staff_and_supervisors_always_need_mfa_whatever_the_setting_says() {
        settings.mfaRequiredRoles = List.of("");
        for (Role role : List.of(Role.DGIT_ADMIN, Role.AUDITOR, Role.HR_STAFF, Role.SUPERVISOR)) {
            assertTrue(settings.mfaRequired(Set.of(role)), role::name);
        }
        assertFalse(settings.mfaRequired(Set.of(Role.DEPARTMENT_OWNER)));
        assertFalse(settings.mfaRequired(Set.of()), "people without a role, unless required for everyone");
    }

    @Test
    void the_setting_adds_roles_and_may_require_mfa_of_everyone() {
        settings.mfaRequiredRoles = List.of("DEPARTMENT_OWNER");
        assertTrue(settings.mfaRequired(Set.of(Role.DEPARTMENT_OWNER)));
        settings.mfaRequiredForEveryone = true;
        assertTrue(settings.mfaRequired(Set.of()));
    }
}
