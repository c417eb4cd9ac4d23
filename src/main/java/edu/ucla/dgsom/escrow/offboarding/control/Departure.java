package edu.ucla.dgsom.escrow.offboarding.control;

import java.time.Instant;

/**
 * A request to offboard the person with {@code employeeId} at {@code effectiveAt} (null: now), with an optional
 * successor (person id), HR's own reference and the request's idempotency key; either makes the request idempotent.
 */
public record Departure(String employeeId, Instant effectiveAt, String successorId, String hrReference,
        String idempotencyKey) {

    public Departure {
        employeeId = employeeId.strip();
    }

    /** The departure an identity system reports (deactivation, deletion): effective now, nothing more. */
    public static Departure now(String employeeId) {
        return new Departure(employeeId, null, null, null, null);
    }
}
