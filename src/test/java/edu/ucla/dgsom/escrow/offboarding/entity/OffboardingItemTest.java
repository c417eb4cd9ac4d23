package edu.ucla.dgsom.escrow.offboarding.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.ucla.dgsom.escrow.offboarding.entity.OffboardingItem.Kind;
import edu.ucla.dgsom.escrow.offboarding.entity.OffboardingItem.State;
import edu.ucla.dgsom.escrow.security.Role;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OffboardingItemTest {

    private static final Instant NOW = Instant.parse("2026-12-02T17:00:00Z");
    private static final Candidates CANDIDATES = new Candidates("successor", Set.of("successor", "owner"),
            Map.of("d", List.of("owner")), List.of());

    @Test
    void what_access_ended_is_done_at_once_and_needs_no_confirmation() {
        OffboardingItem item = OffboardingItem.done("case", Kind.SESSIONS_REVOKED, null, "2 revoked", NOW);
        assertEquals(State.DONE, item.state());
        assertEquals(NOW, item.resolvedAt());
        assertEquals("offboarding", item.resolvedBy());
        assertFalse(item.confirmable());
    }

    @Test
    void a_department_ownership_that_ends_falls_to_dgit() {
        OffboardingItem item = OffboardingItem.roleRevoked("case", Role.DEPARTMENT_OWNER, "d", NOW);
        assertEquals(Kind.DEPARTMENT_OWNERSHIP_TO_DGIT, item.kind());
        assertEquals("d", item.departmentId());
        OffboardingItem auditor = OffboardingItem.roleRevoked("case", Role.AUDITOR, null, NOW);
        assertEquals(Kind.ROLE_REVOKED, auditor.kind());
        assertEquals("AUDITOR", auditor.detail());
    }

    @Test
    void each_replaced_place_is_an_open_item_for_its_new_holder_saying_why_they_were_chosen() {
        List<OffboardingItem> items = OffboardingItem.replacements("case", "a", "d", new Holders("leaver", "moderator"),
                new Holders("moderator", "owner"), CANDIDATES, NOW);
        assertEquals(2, items.size());
        assertEquals(Kind.CONTENT_OWNER_REPLACED, items.get(0).kind());
        assertEquals("leaver", items.get(0).fromPerson());
        assertEquals("backup moderator promoted", items.get(0).detail());
        assertEquals(Kind.BACKUP_MODERATOR_REPLACED, items.get(1).kind());
        assertEquals("department owner", items.get(1).detail());
        assertTrue(items.get(1).addressedTo("owner"));
        assertTrue(items.stream().allMatch(i -> i.state() == State.OPEN && i.confirmable() && i.namesNewHolder()));
    }

    @Test
    void a_place_that_did_not_change_makes_no_item() {
        List<OffboardingItem> items = OffboardingItem.replacements("case", "a", "d", new Holders("leaver", "moderator"),
                new Holders("successor", "moderator"), CANDIDATES, NOW);
        assertEquals(1, items.size());
        assertEquals("named successor", items.get(0).detail());
    }

    @Test
    void a_hand_over_awaits_its_new_holder_and_one_nobody_could_take_awaits_dgit_until_confirmed() {
        OffboardingItem replaced = OffboardingItem.replaced("case", Kind.CONTENT_OWNER_REPLACED, "a", "d", "leaver",
                "successor", "named successor", NOW);
        OffboardingItem toDgit = OffboardingItem.toDgit("case", "a", "d", "leaver", NOW);
        assertTrue(replaced.awaitsConfirmationBy("successor"));
        assertFalse(replaced.awaitsConfirmationBy("someone else"));
        assertFalse(replaced.awaitsDgit(), "a DGIT admin may confirm it, but it is the new holder's to confirm");
        assertTrue(toDgit.awaitsDgit());
        assertFalse(toDgit.awaitsConfirmationBy(null));
        assertTrue(OffboardingItem.noDgitAdminLeft("case", "leaver", NOW).awaitsDgit());
        assertFalse(OffboardingItem.rotation("case", "a", "d", Exposure.REVEALED, NOW, NOW).awaitsDgit(),
                "a rotation waits for a new version, not for anyone's confirmation");
        replaced.resolve("person:successor", NOW);
        toDgit.resolve("person:admin", NOW);
        assertFalse(replaced.awaitsConfirmationBy("successor"));
        assertFalse(toDgit.awaitsDgit());
    }

    @Test
    void confirming_an_item_resolves_it_once() {
        OffboardingItem item = OffboardingItem.replaced("case", Kind.CONTENT_OWNER_REPLACED, "a", "d", "leaver",
                "successor", "named successor", NOW);
        item.resolve("person:successor", NOW.plusSeconds(60));
        assertEquals(State.DONE, item.state());
        assertFalse(item.confirmable(), "needs no second confirmation");
        item.resolve("person:admin", NOW.plusSeconds(120));
        assertEquals("person:successor", item.resolvedBy());
        assertEquals(NOW.plusSeconds(60), item.resolvedAt());
    }

    @Test
    void a_rotation_waits_for_a_new_version_not_for_a_confirmation() {
        OffboardingItem rotation = OffboardingItem.rotation("case", "a", "d", Exposure.REVEALED, NOW.plusSeconds(600),
                NOW);
        assertEquals(State.OPEN, rotation.state());
        assertEquals("revealed by the leaver", rotation.detail());
        assertFalse(rotation.confirmable());
        assertFalse(rotation.namesNewHolder());
        rotation.resolve("person:rotator", NOW.plusSeconds(60));
        assertEquals(State.DONE, rotation.state());
    }

    @Test
    void a_leaver_who_was_the_last_dgit_admin_leaves_an_open_item_for_dgit_to_confirm() {
        OffboardingItem item = OffboardingItem.noDgitAdminLeft("case", "leaver", NOW);
        assertEquals(State.OPEN, item.state());
        assertTrue(item.confirmable());
        assertNull(item.toPerson());
    }
}
