package edu.ucla.dgsom.escrow.policy.boundary;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A department owner's attestation: the digest of the report they read (the JSON's {@code digest} or the CSV's
 * {@code X-Report-Digest}), the verdict CORRECT or CORRECTIONS, and the corrections (required with CORRECTIONS only).
 */
public record AttestationSignature(
        @NotBlank @Pattern(regexp = "[0-9a-fA-F]{64}", message = "the report's SHA-256 in hex") String reportDigest,
        @NotBlank @Pattern(regexp = "CORRECT|CORRECTIONS", message = "CORRECT or CORRECTIONS") String verdict,
        @Size(max = 4000) String corrections) {

    /** Unconstrained: Payara fails /openapi on constrained parameters (docs/architecture.md, "Request records"). */
    public AttestationSignature(String reportDigest, String verdict, String corrections) {
        this.reportDigest = reportDigest;
        this.verdict = verdict;
        this.corrections = corrections;
    }
}
