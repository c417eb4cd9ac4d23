package edu.ucla.dgsom.escrow.credentials.boundary;

import jakarta.validation.constraints.Size;

/** Why the caller needs a one-time code (at least 10 characters, kept in the audit trail). */
public record TotpCodeRequest(@Size(max = 500) String reason) {

    /** Unconstrained: Payara fails /openapi on constrained parameters (docs/architecture.md, "Request records"). */
    public TotpCodeRequest(String reason) {
        this.reason = reason;
    }
}
