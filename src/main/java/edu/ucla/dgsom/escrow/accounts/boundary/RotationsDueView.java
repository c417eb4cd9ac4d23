package edu.ucla.dgsom.escrow.accounts.boundary;

import java.time.Instant;
import java.util.List;

/**
 * The credentials due for rotation within {@code within} (an ISO-8601 period) of {@code asOf}, overdue ones included,
 * by due date then account id; {@code truncated} when more were due than the limit let through.
 */
public record RotationsDueView(Instant asOf, String within, List<RotationDueView> items, boolean truncated) {
}
