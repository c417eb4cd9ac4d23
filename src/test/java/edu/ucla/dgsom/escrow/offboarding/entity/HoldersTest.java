package edu.ucla.dgsom.escrow.offboarding.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class HoldersTest {

    private static final Holders HELD = new Holders("owner", "moderator");

    /** Stewards in order of precedence; the first one other than the person given steps in. */
    private static UnaryOperator<String> stewards(String... people) {
        return other -> List.of(people).stream().filter(p -> !p.equals(other)).findFirst().orElse(null);
    }

    @Test
    void a_leaving_content_owner_is_replaced_by_the_named_successor() {
        assertEquals(Optional.of(new Holders("successor", "moderator")),
                HELD.after("owner", "successor", true, stewards("deptOwner")));
    }

    @Test
    void without_a_successor_the_backup_moderator_is_promoted_and_a_steward_backs_up() {
        assertEquals(Optional.of(new Holders("moderator", "deptOwner")),
                HELD.after("owner", null, true, stewards("deptOwner")));
    }

    @Test
    void a_successor_who_is_already_the_backup_moderator_is_promoted() {
        assertEquals(Optional.of(new Holders("moderator", "deptOwner")),
                HELD.after("owner", "moderator", true, stewards("deptOwner")));
    }

    @Test
    void a_leaving_backup_moderator_is_replaced_by_the_successor_or_a_steward_other_than_the_owner() {
        assertEquals(Optional.of(new Holders("owner", "successor")),
                HELD.after("moderator", "successor", true, stewards("deptOwner")));
        assertEquals(Optional.of(new Holders("owner", "deptOwner")),
                HELD.after("moderator", null, true, stewards("owner", "deptOwner")));
    }

    @Test
    void when_both_holders_are_gone_both_places_are_filled_anew() {
        assertEquals(Optional.of(new Holders("successor", "deptOwner")),
                HELD.after("owner", "successor", false, stewards("deptOwner", "admin")));
        assertEquals(Optional.of(new Holders("deptOwner", "admin")),
                HELD.after("owner", null, false, stewards("deptOwner", "admin")));
    }

    @Test
    void an_account_nobody_can_take_over_is_not_placed() {
        assertEquals(Optional.empty(), HELD.after("owner", null, true, stewards("moderator")));
        assertEquals(Optional.empty(), HELD.after("owner", null, false, stewards("admin")));
        assertEquals(Optional.empty(), HELD.after("moderator", null, true, stewards()));
    }
}
