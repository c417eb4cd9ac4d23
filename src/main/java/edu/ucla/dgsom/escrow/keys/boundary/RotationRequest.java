package edu.ucla.dgsom.escrow.keys.boundary;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why the keys are being rotated; it goes into the rotation record and the audit trail. */
public record RotationRequest(@NotBlank @Size(min = 10, max = 500) String reason) {

    /**
     * Declared so the constraints stay on the field and accessor: on the constructor parameter they crash Payara's
     * OpenAPI scanner.
     */
    public RotationRequest(String reason) {
        this.reason = reason;
    }
}
