package edu.ucla.dgsom.escrow.access.boundary;

import jakarta.validation.constraints.Size;

/** The escrow's own code after a single-factor campus sign-in: a TOTP code or a recovery code. */
public record SecondFactorRequest(@Size(max = 10) String totpCode, @Size(max = 40) String recoveryCode) {

    /** Unconstrained: Payara fails /openapi on constrained parameters (docs/architecture.md, "Request records"). */
    public SecondFactorRequest(String totpCode, String recoveryCode) {
        this.totpCode = totpCode;
        this.recoveryCode = recoveryCode;
    }

    @Override
    public String toString() {
        return "SecondFactorRequest[codes redacted]";
    }
}
