package edu.ucla.dgsom.escrow.offboarding.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CandidatesTest {

    private static final Holders HELD = new Holders("leaver", "moderator");

    private static Candidates candidates(String successor, Set<String> eligible) {
        return new Candidates(successor, eligible, Map.of("d1", List.of("owner1", "owner2")), List.of("admin"));
    }

    @Test
    void a_leaver_is_replaced_by_the_eligible_successor() {
        Candidates candidates = candidates("successor", Set.of("successor", "moderator", "owner1", "admin"));
        assertEquals(Optional.of(new Holders("successor", "moderator")), candidates.holdersAfter(HELD, "leaver", "d1"));
        assertEquals("named successor", candidates.whyChosen("successor", HELD));
    }

    @Test
    void a_successor_who_is_not_eligible_is_passed_over_for_the_backup_moderator_and_a_department_owner() {
        Candidates candidates = candidates("successor", Set.of("moderator", "owner1", "admin"));
        assertEquals(Optional.of(new Holders("moderator", "owner1")), candidates.holdersAfter(HELD, "leaver", "d1"));
        assertEquals("backup moderator promoted", candidates.whyChosen("moderator", HELD));
        assertEquals("department owner", candidates.whyChosen("owner1", HELD));
    }

    @Test
    void owners_who_are_not_eligible_are_skipped_in_order_of_standing() {
        Candidates candidates = candidates(null, Set.of("moderator", "owner2", "admin"));
        assertEquals(Optional.of(new Holders("moderator", "owner2")), candidates.holdersAfter(HELD, "leaver", "d1"));
    }

    @Test
    void a_dgit_admin_steps_in_as_the_last_resort() {
        Candidates candidates = candidates(null, Set.of("moderator", "admin"));
        assertEquals(Optional.of(new Holders("moderator", "admin")), candidates.holdersAfter(HELD, "leaver", "d2"));
        assertEquals("DGIT admin (last resort)", candidates.whyChosen("admin", HELD));
    }

    @Test
    void when_the_other_holder_is_gone_too_both_places_are_filled_by_stewards() {
        Candidates candidates = candidates(null, Set.of("owner1", "admin"));
        assertEquals(Optional.of(new Holders("owner1", "admin")), candidates.holdersAfter(HELD, "leaver", "d1"));
    }

    @Test
    void an_account_nobody_eligible_can_take_over_goes_to_dgit() {
        assertEquals(Optional.empty(), candidates(null, Set.of("moderator")).holdersAfter(HELD, "leaver", "d1"));
    }
}
