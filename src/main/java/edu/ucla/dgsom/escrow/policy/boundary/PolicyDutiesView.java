package edu.ucla.dgsom.escrow.policy.boundary;

import edu.ucla.dgsom.escrow.policy.control.Duties;
import java.util.List;

/** The duties of the policy's version {@code version}, to be acknowledged within {@code acknowledgeWithinDays}. */
public record PolicyDutiesView(String version, long acknowledgeWithinDays, List<Duties.DutyText> duties) {
}
