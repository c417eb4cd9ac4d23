package edu.ucla.dgsom.escrow.policy.boundary;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A supervisor's decision on a request: a comment (required, kept with the request and in the audit trail) and, to
 * approve a content owner below 0.25 FTE for social media, {@code acknowledgeLowFte: true}.
 */
public record RequestDecision(@NotBlank @Size(max = 2000) String comment, Boolean acknowledgeLowFte) {

    /** Unconstrained: Payara fails /openapi on constrained parameters (docs/architecture.md, "Request records"). */
    public RequestDecision(String comment, Boolean acknowledgeLowFte) {
        this.comment = comment;
        this.acknowledgeLowFte = acknowledgeLowFte;
    }
}
