package edu.ucla.dgsom.escrow.policy.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.ucla.dgsom.escrow.accounts.entity.Platform;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The rules of a request for an official account (policy I.1-2), without a container. */
class AccountRequestTest {

    private static final Instant NOW = Instant.parse("2026-12-03T09:00:00Z");
    private static final AccountRequest.Decision FINE = new AccountRequest.Decision("Fine", false);

    private static AccountRequest request(String fte) {
        return new AccountRequest(new AccountRequest.Proposal(null, "dept", Platform.X, null, "dgsom", "x\n\ndgsom",
                null, "DGSOM", "Research news", "owner", "moderator", new BigDecimal(fte)), "requester", NOW);
    }

    private static ProblemException refused(ProblemType type, Runnable step) {
        ProblemException problem = assertThrows(ProblemException.class, step::run);
        assertEquals(type, problem.type(), problem::getMessage);
        return problem;
    }

    @Test
    void a_supervisor_approves_a_pending_request_with_a_comment() {
        AccountRequest request = request("0.50");
        request.approve("supervisor", FINE, NOW);
        assertEquals(AccountRequest.State.APPROVED, request.state());
        assertEquals("supervisor", request.decidedBy());
        assertEquals("Fine", request.decisionComment());
        assertFalse(request.lowFteAcknowledged());
        request.registered("account-1");
        assertEquals("account-1", request.accountId());
    }

    @Test
    void nobody_decides_their_own_request() {
        AccountRequest request = request("0.50");
        refused(ProblemType.FORBIDDEN, () -> request.approve("requester", FINE, NOW));
        refused(ProblemType.FORBIDDEN, () -> request.reject("requester", FINE, NOW));
        assertEquals(AccountRequest.State.PENDING, request.state());
    }

    @Test
    void below_a_quarter_fte_the_approver_must_acknowledge_it_and_that_is_recorded() {
        AccountRequest request = request("0.24");
        assertTrue(request.lowFte());
        ProblemException problem = refused(ProblemType.UNPROCESSABLE, () -> request.approve("supervisor", FINE, NOW));
        assertEquals("acknowledgeLowFte", problem.errors().get(0).field());
        request.approve("supervisor", new AccountRequest.Decision("Small unit", true), NOW);
        assertTrue(request.lowFteAcknowledged());
        assertFalse(request("0.25").lowFte(), "a quarter is enough");
    }

    @Test
    void a_decided_request_is_decided_once_naming_its_state() {
        AccountRequest request = request("0.50");
        request.reject("supervisor", FINE, NOW);
        for (Runnable again : new Runnable[] {() -> request.approve("supervisor", FINE, NOW),
            () -> request.reject("supervisor", FINE, NOW), () -> request.withdraw("requester", NOW)}) {
            assertEquals("REJECTED", refused(ProblemType.CONFLICT, again).currentState());
        }
    }

    @Test
    void only_the_requester_withdraws() {
        AccountRequest request = request("0.50");
        refused(ProblemType.FORBIDDEN, () -> request.withdraw("someone", NOW));
        request.withdraw("requester", NOW);
        assertEquals(AccountRequest.State.WITHDRAWN, request.state());
    }

    @Test
    void the_requester_and_the_named_holders_are_concerned() {
        AccountRequest request = request("0.50");
        assertTrue(request.concerns("requester") && request.concerns("owner") && request.concerns("moderator"));
        assertFalse(request.concerns("someone"));
    }
}
