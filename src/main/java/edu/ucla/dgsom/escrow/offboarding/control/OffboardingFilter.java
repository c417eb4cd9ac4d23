package edu.ucla.dgsom.escrow.offboarding.control;

import edu.ucla.dgsom.escrow.offboarding.entity.OffboardingCase;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * Filters of the case list; null, or no state, means "any". {@code departmentId} is the leaver's department when the
 * case was requested; {@code dueBefore} keeps the cases with something due before it: the case itself, still
 * scheduled, or an open item (a rotation's due date).
 */
public record OffboardingFilter(Set<OffboardingCase.State> states, String departmentId, Instant dueBefore,
        String employeeId) {

    public OffboardingFilter {
        states = states.isEmpty() ? EnumSet.allOf(OffboardingCase.State.class) : EnumSet.copyOf(states);
    }
}
