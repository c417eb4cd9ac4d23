package edu.ucla.dgsom.escrow.policy.boundary;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The policy version whose duties the holder read and acknowledges. */
public record DutyAcknowledgement(@NotBlank @Size(max = 40) String policyVersion) {

    /** Unconstrained: Payara fails /openapi on constrained parameters (docs/architecture.md, "Request records"). */
    public DutyAcknowledgement(String policyVersion) {
        this.policyVersion = policyVersion;
    }
}
