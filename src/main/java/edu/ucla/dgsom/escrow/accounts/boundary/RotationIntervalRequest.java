package edu.ucla.dgsom.escrow.accounts.boundary;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** An account's own rotation interval, 1 to 730 days, and why (for the audit trail). */
public record RotationIntervalRequest(@NotNull @Min(1) @Max(730) Integer days,
        @NotBlank @Size(max = 500) String reason) {

    /** Unconstrained: Payara fails /openapi on constrained parameters (docs/architecture.md, "Request records"). */
    public RotationIntervalRequest(Integer days, String reason) {
        this.days = days;
        this.reason = reason;
    }
}
