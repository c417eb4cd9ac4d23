package edu.ucla.dgsom.escrow.offboarding.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.ucla.dgsom.escrow.security.Role;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OffboardingCaseTest {

    private static final Instant NOW = Instant.parse("2026-12-02T17:00:00Z");

    private static OffboardingCase scheduledIn(Duration later) {
        return new OffboardingCase("person", "E1", "department", null, null, null, NOW.plus(later), "hr", NOW);
    }

    @Test
    void a_request_to_offboard_now_brings_a_later_case_forward() {
        OffboardingCase offboarding = scheduledIn(Duration.ofDays(3));
        assertFalse(offboarding.dueAt(NOW));
        assertTrue(offboarding.bringForwardTo(NOW));
        assertEquals(NOW, offboarding.effectiveAt());
        assertTrue(offboarding.dueAt(NOW));
    }

    @Test
    void a_later_request_never_postpones_a_case() {
        OffboardingCase offboarding = scheduledIn(Duration.ofDays(1));
        assertFalse(offboarding.bringForwardTo(NOW.plus(Duration.ofDays(2))));
        assertEquals(NOW.plus(Duration.ofDays(1)), offboarding.effectiveAt());
    }

    @Test
    void a_case_whose_access_has_ended_is_not_brought_forward_or_ended_again_and_awaits_its_hand_over() {
        OffboardingCase offboarding = scheduledIn(Duration.ZERO);
        offboarding.accessEnded(NOW);
        assertEquals(OffboardingCase.State.ACCESS_ENDED, offboarding.state());
        assertFalse(offboarding.dueAt(NOW), "access ends once");
        assertTrue(offboarding.awaitsHandover());
        assertFalse(offboarding.bringForwardTo(NOW.minusSeconds(60)));
        assertThrows(IllegalStateException.class, () -> offboarding.accessEnded(NOW));
        offboarding.handedOver();
        assertEquals(OffboardingCase.State.IN_PROGRESS, offboarding.state());
        assertFalse(offboarding.awaitsHandover(), "handed over once");
    }

    @Test
    void a_case_is_not_handed_over_before_access_has_ended() {
        assertThrows(IllegalStateException.class, () -> scheduledIn(Duration.ZERO).handedOver());
    }

    @Test
    void a_handed_over_case_completes_once_no_item_is_open() {
        OffboardingCase offboarding = scheduledIn(Duration.ZERO);
        offboarding.accessEnded(NOW);
        assertFalse(offboarding.completeIfNothingOpen(0, NOW), "not before the hand-over");
        offboarding.handedOver();
        assertFalse(offboarding.completeIfNothingOpen(2, NOW));
        assertEquals(OffboardingCase.State.IN_PROGRESS, offboarding.state());
        assertTrue(offboarding.completeIfNothingOpen(0, NOW));
        assertEquals(OffboardingCase.State.COMPLETED, offboarding.state());
        assertEquals(NOW, offboarding.completedAt());
        assertFalse(offboarding.completeIfNothingOpen(0, NOW), "completes once");
    }

    @Test
    void a_new_holder_sees_only_items_addressed_to_them() {
        OffboardingItem mine = OffboardingItem.replaced("case", OffboardingItem.Kind.CONTENT_OWNER_REPLACED, "a", "d",
                "leaver", "me", "named successor", NOW);
        OffboardingItem toDgit = OffboardingItem.toDgit("case", "b", "d", "leaver", NOW);
        assertTrue(mine.addressedTo("me"));
        assertFalse(mine.addressedTo("someone else"));
        assertFalse(toDgit.addressedTo("me"));
        assertFalse(toDgit.addressedTo(null));
        assertTrue(toDgit.confirmable(), "a DGIT admin confirms once the account has holders");
    }

    @Test
    void revoked_roles_are_recorded_for_the_hand_over() {
        assertTrue(OffboardingItem.roleRevoked("case", Role.DGIT_ADMIN, null, NOW).revoked(Role.DGIT_ADMIN));
        assertFalse(OffboardingItem.roleRevoked("case", Role.AUDITOR, null, NOW).revoked(Role.DGIT_ADMIN));
        assertTrue(OffboardingItem.done("case", OffboardingItem.Kind.DEPARTMENT_OWNERSHIP_TO_DGIT, "d", "x", NOW)
                .revoked(Role.DEPARTMENT_OWNER));
    }
}
