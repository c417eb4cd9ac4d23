package edu.ucla.dgsom.escrow.credentials.boundary;

import jakarta.validation.constraints.Size;

/** Why the caller needs a one-time code (at least 10 characters, kept in the audit trail). */
public record TotpCodeRequest(@Size(max = 500) String reason) {

    /** Declared so the constraints stay off the constructor parameters, which Payara's OpenAPI scanner trips on. */
    public TotpCodeRequest(String reason) {
        this.reason = reason;
    }
}
