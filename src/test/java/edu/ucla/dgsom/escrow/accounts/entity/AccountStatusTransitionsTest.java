package edu.ucla.dgsom.escrow.accounts.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The status transitions of an official account (policy I.1 approval, II suspension), without a container. */
class AccountStatusTransitionsTest {

    private static final RecoveryFacts NO_RECOVERY = new RecoveryFacts(false, false, "rules");

    private static final Instant CREATED = Instant.parse("2026-12-01T09:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-03T09:00:00Z");

    private static OfficialAccount account(AccountStatus status) {
        return new OfficialAccount(Platform.X, null, "dgsom", null, "DGSOM", "dept-1", status, "owner", "moderator",
                null, "creator", CREATED);
    }

    private static void escrow(OfficialAccount account) {
        account.credentialsRotated(new RotatedCredentials(account.credentialVersion() + 1, false,
                List.of("password"), true, NO_RECOVERY), new RotationInterval(180, RotationInterval.Source.DEFAULT),
                "owner", NOW);
    }

    private static void refusedNaming(AccountStatus state, Runnable transition) {
        ProblemException refused = assertThrows(ProblemException.class, transition::run);
        assertEquals(ProblemType.CONFLICT, refused.type());
        assertEquals(state.name(), refused.currentState());
    }

    @Test
    void an_approved_account_waits_for_its_first_escrow_and_is_then_active() {
        OfficialAccount account = account(AccountStatus.REQUESTED);
        assertEquals(Map.of("status", "REQUESTED->APPROVED"), account.approve("request-1", "supervisor", NOW));
        assertEquals("request-1", account.standing().approvalRequestId());
        assertEquals(NOW, account.standing().approvedAt());
        escrow(account);
        assertEquals(AccountStatus.ACTIVE, account.status());
        escrow(account);
        assertEquals(AccountStatus.ACTIVE, account.status());
    }

    @Test
    void an_account_in_use_is_approved_after_the_fact_and_keeps_its_status() {
        OfficialAccount account = account(AccountStatus.ACTIVE);
        assertEquals(Map.of("status", "ACTIVE->ACTIVE"), account.approve("request-1", "supervisor", NOW));
        assertEquals(AccountStatus.ACTIVE, account.status());
    }

    @Test
    void escrow_without_approval_puts_a_requested_account_in_use() {
        OfficialAccount account = account(AccountStatus.REQUESTED);
        escrow(account);
        assertEquals(AccountStatus.ACTIVE, account.status());
        assertNull(account.standing().approvalRequestId(), "in use, still without approval: the report lists it");
    }

    @Test
    void an_account_is_approved_once_and_a_retired_one_never() {
        OfficialAccount approved = account(AccountStatus.REQUESTED);
        approved.approve("request-1", "supervisor", NOW);
        refusedNaming(AccountStatus.APPROVED, () -> approved.approve("request-2", "supervisor", NOW));
        OfficialAccount retired = account(AccountStatus.ACTIVE);
        retired.retire("The department closed its page", "dgit", NOW);
        refusedNaming(AccountStatus.RETIRED, retired::requireApprovable);
    }

    @Test
    void suspension_remembers_the_status_it_interrupts_and_reinstatement_returns_to_it() {
        OfficialAccount account = account(AccountStatus.REQUESTED);
        account.approve("request-1", "supervisor", NOW);
        assertEquals(Map.of("status", "APPROVED->SUSPENDED"), account.suspend("Posted PHI", "dgit", NOW));
        assertEquals("Posted PHI", account.standing().statusReason());
        assertEquals("dgit", account.standing().statusChangedBy());
        assertEquals(Map.of("status", "SUSPENDED->APPROVED"), account.reinstate("Content removed", "dgit", NOW));
        assertEquals(AccountStatus.APPROVED, account.status());
    }

    @Test
    void a_first_escrow_during_a_suspension_makes_reinstatement_return_to_active() {
        OfficialAccount account = account(AccountStatus.REQUESTED);
        account.approve("request-1", "supervisor", NOW);
        account.suspend("Posted PHI", "dgit", NOW);
        escrow(account);
        assertEquals(AccountStatus.SUSPENDED, account.status());
        account.reinstate("Content removed", "dgit", NOW);
        assertEquals(AccountStatus.ACTIVE, account.status());
    }

    @Test
    void reinstating_an_active_account_or_suspending_twice_is_refused_naming_the_state() {
        OfficialAccount account = account(AccountStatus.ACTIVE);
        refusedNaming(AccountStatus.ACTIVE, () -> account.reinstate("Content removed", "dgit", NOW));
        account.suspend("Posted PHI", "dgit", NOW);
        refusedNaming(AccountStatus.SUSPENDED, () -> account.suspend("Again", "dgit", NOW));
    }

    @Test
    void a_retired_account_stays_retired() {
        OfficialAccount account = account(AccountStatus.ACTIVE);
        account.suspend("Posted PHI", "dgit", NOW);
        assertEquals(Map.of("status", "SUSPENDED->RETIRED"), account.retire("Closed", "dgit", NOW));
        refusedNaming(AccountStatus.RETIRED, () -> account.retire("Closed", "dgit", NOW));
        refusedNaming(AccountStatus.RETIRED, () -> account.suspend("Posted PHI", "dgit", NOW));
        refusedNaming(AccountStatus.RETIRED, () -> account.reinstate("Back", "dgit", NOW));
    }
}
