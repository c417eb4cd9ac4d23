package edu.ucla.dgsom.escrow.offboarding.boundary;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * HR's notice of a departure: the employee id, when it takes effect (ISO-8601 instant; default now), an optional
 * successor (person id) and HR's own reference, which also makes the request idempotent.
 */
public record OffboardingRequest(@NotBlank @Size(max = 64) String employeeId, @Size(max = 40) String effectiveAt,
        @Size(max = 36) String successorId, @Size(max = 100) String hrReference) {

    /** Unconstrained: Payara fails /openapi on constrained parameters (docs/architecture.md, "Request records"). */
    public OffboardingRequest(String employeeId, String effectiveAt, String successorId, String hrReference) {
        this.employeeId = employeeId;
        this.effectiveAt = effectiveAt;
        this.successorId = successorId;
        this.hrReference = hrReference;
    }
}
