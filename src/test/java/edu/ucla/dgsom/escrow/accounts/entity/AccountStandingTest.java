package edu.ucla.dgsom.escrow.accounts.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import edu.ucla.dgsom.escrow.problems.ProblemException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The standing on its own: what an account's transitions leave behind and how a refusal reads. */
class AccountStandingTest {

    private static final Instant NOW = Instant.parse("2026-12-03T09:00:00.123456789Z");

    @Test
    void a_refusal_names_the_account_its_status_and_what_is_allowed() {
        AccountStanding standing = new AccountStanding(AccountStatus.ACTIVE);
        ProblemException refused = assertThrows(ProblemException.class,
                () -> standing.reinstate("acct-1", "Content removed", "dgit", NOW));
        assertEquals("Account acct-1 is ACTIVE: only a SUSPENDED account can be reinstated", refused.getMessage());
    }

    @Test
    void a_requested_account_takes_the_status_its_approval_gives_and_the_approval_is_kept_to_the_microsecond() {
        AccountStanding standing = new AccountStanding(AccountStatus.REQUESTED);
        assertEquals(Map.of("status", "REQUESTED->ACTIVE"),
                standing.approve("acct-1", "request-1", AccountStatus.ACTIVE, "supervisor", NOW));
        assertEquals(Instant.parse("2026-12-03T09:00:00.123456Z"), standing.approvedAt());
        assertEquals("approved by request request-1", standing.statusReason());
        assertEquals(standing.approvedAt(), standing.statusChangedAt());
    }

    @Test
    void a_retired_account_is_neither_reinstated_nor_put_back_in_use() {
        AccountStanding standing = new AccountStanding(AccountStatus.ACTIVE);
        standing.suspend("acct-1", "Posted PHI", "dgit", NOW);
        standing.retire("acct-1", "Closed", "dgit", NOW);
        ProblemException refused = assertThrows(ProblemException.class,
                () -> standing.reinstate("acct-1", "Back", "dgit", NOW));
        assertEquals("RETIRED", refused.currentState());
        standing.putInUse();
        assertEquals(AccountStatus.RETIRED, standing.status(), "an escrow does not bring a retired account back");
    }
}
