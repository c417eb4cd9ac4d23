package edu.ucla.dgsom.escrow.policy.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A holder's duties (policy I.2), without a container. */
class HolderDutyTest {

    private static final Instant ASSIGNED = Instant.parse("2026-11-01T09:00:00Z");
    private static final Duration WITHIN = Duration.ofDays(14);

    private static HolderDuty duty() {
        return new HolderDuty("account", HolderDuty.Duty.CONTENT_OWNER, "holder", ASSIGNED);
    }

    private static ProblemException refused(ProblemType type, Runnable step) {
        ProblemException problem = assertThrows(ProblemException.class, step::run);
        assertEquals(type, problem.type());
        return problem;
    }

    @Test
    void the_holder_acknowledges_the_current_version_once() {
        HolderDuty duty = duty();
        duty.acknowledge("holder", "2017-10-11", "2017-10-11", ASSIGNED.plusSeconds(60));
        assertEquals(HolderDuty.State.ACKNOWLEDGED, duty.state());
        assertEquals("2017-10-11", duty.policyVersion());
        assertEquals("ACKNOWLEDGED", refused(ProblemType.CONFLICT,
                () -> duty.acknowledge("holder", "2017-10-11", "2017-10-11", ASSIGNED)).currentState());
    }

    @Test
    void nobody_else_acknowledges_and_an_older_version_is_refused() {
        HolderDuty duty = duty();
        refused(ProblemType.FORBIDDEN, () -> duty.acknowledge("someone", "2017-10-11", "2017-10-11", ASSIGNED));
        assertEquals("policyVersion", refused(ProblemType.UNPROCESSABLE,
                () -> duty.acknowledge("holder", "2016-08-31", "2017-10-11", ASSIGNED)).errors().get(0).field());
        assertEquals(HolderDuty.State.AWAITING, duty.state());
    }

    @Test
    void an_ended_duty_is_acknowledged_no_more() {
        HolderDuty duty = duty();
        duty.end(ASSIGNED.plusSeconds(5));
        assertEquals("ENDED", refused(ProblemType.CONFLICT,
                () -> duty.acknowledge("holder", "2017-10-11", "2017-10-11", ASSIGNED)).currentState());
    }

    @Test
    void an_unacknowledged_duty_is_overdue_after_the_period_and_only_then() {
        HolderDuty duty = duty();
        assertFalse(duty.overdue(ASSIGNED.plus(WITHIN).minusSeconds(1), WITHIN));
        assertTrue(duty.overdue(ASSIGNED.plus(WITHIN), WITHIN));
        duty.acknowledge("holder", "v", "v", ASSIGNED.plus(WITHIN));
        assertFalse(duty.overdue(ASSIGNED.plus(WITHIN).plusSeconds(1), WITHIN), "acknowledged late is acknowledged");
    }
}
