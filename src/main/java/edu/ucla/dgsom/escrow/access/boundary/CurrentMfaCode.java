package edu.ucla.dgsom.escrow.access.boundary;

import jakarta.validation.constraints.Pattern;

/**
 * A current code of the authenticator the person enrolled, proving they still hold it: to enrol a new one (not needed
 * for a first enrolment) or to get new recovery codes.
 */
public record CurrentMfaCode(@Pattern(regexp = "\\d{6}") String code) {

    /** Unconstrained: Payara fails /openapi on constrained parameters (docs/architecture.md, "Request records"). */
    public CurrentMfaCode(String code) {
        this.code = code;
    }

    /** Never prints the secret it carries, should anything log it. */
    @Override
    public String toString() {
        return "CurrentMfaCode[redacted]";
    }
}
