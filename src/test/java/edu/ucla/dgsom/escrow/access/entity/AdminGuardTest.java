package edu.ucla.dgsom.escrow.access.entity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.ucla.dgsom.escrow.access.entity.AdminGuard.Admin;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdminGuardTest {

    @Test
    void the_last_active_admin_with_mfa_cannot_go_while_admins_without_mfa_remain() {
        assertFalse(AdminGuard.allowsRemoval("a", List.of(new Admin("a", true, true), new Admin("b", true, false))));
    }

    @Test
    void an_admin_with_mfa_can_go_when_another_active_admin_with_mfa_remains() {
        assertTrue(AdminGuard.allowsRemoval("a", List.of(new Admin("a", true, true), new Admin("b", true, true))));
    }

    @Test
    void an_offboarded_admin_with_mfa_does_not_count() {
        assertFalse(AdminGuard.allowsRemoval("a", List.of(new Admin("a", true, true), new Admin("b", false, true),
                new Admin("c", true, false))));
    }

    @Test
    void an_admin_without_mfa_can_go_when_another_active_admin_remains() {
        assertTrue(AdminGuard.allowsRemoval("b", List.of(new Admin("a", true, true), new Admin("b", true, false))));
        assertTrue(AdminGuard.allowsRemoval("b", List.of(new Admin("a", true, false), new Admin("b", true, false))));
    }

    @Test
    void the_last_active_admin_cannot_go_even_without_mfa() {
        assertFalse(AdminGuard.allowsRemoval("a", List.of(new Admin("a", true, false), new Admin("b", false, true))));
    }

    @Test
    void someone_who_is_not_an_active_admin_can_always_go() {
        assertTrue(AdminGuard.allowsRemoval("z", List.of(new Admin("a", true, true))));
        assertTrue(AdminGuard.allowsRemoval("b", List.of(new Admin("a", true, true), new Admin("b", false, true))));
    }
}
