package edu.ucla.dgsom.escrow.access.boundary;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** A current code from the authenticator, proving it holds the new seed. */
public record MfaConfirmation(@NotNull @Pattern(regexp = "\\d{6}") String code) {

    /** Unconstrained: Payara fails /openapi on constrained parameters (docs/architecture.md, "Request records"). */
    public MfaConfirmation(String code) {
        this.code = code;
    }

    /** Never prints the secret it carries, should anything log it. */
    @Override
    public String toString() {
        return "MfaConfirmation[redacted]";
    }
}
