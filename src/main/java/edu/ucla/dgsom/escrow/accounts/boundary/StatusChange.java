package edu.ucla.dgsom.escrow.accounts.boundary;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Why DGIT suspends, reinstates or retires an account (10 to 500 characters; told to its holders and department
 * owners and kept in the audit trail). {@code rotateCredentials}, for a suspension only, flags every credential for
 * rotation at once.
 */
public record StatusChange(@NotBlank @Size(min = 10, max = 500) String reason, Boolean rotateCredentials) {

    /** Unconstrained: Payara fails /openapi on constrained parameters (docs/architecture.md, "Request records"). */
    public StatusChange(String reason, Boolean rotateCredentials) {
        this.reason = reason;
        this.rotateCredentials = rotateCredentials;
    }
}
