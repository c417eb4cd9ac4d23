package edu.ucla.dgsom.escrow.accounts.boundary;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** What DGIT did on the platform, in words, and when if not just now (not in the future). */
public record ContentActionRequest(@NotBlank @Size(max = 2000) String description, Instant takenAt) {

    /** Unconstrained: Payara fails /openapi on constrained parameters (docs/architecture.md, "Request records"). */
    public ContentActionRequest(String description, Instant takenAt) {
        this.description = description;
        this.takenAt = takenAt;
    }
}
