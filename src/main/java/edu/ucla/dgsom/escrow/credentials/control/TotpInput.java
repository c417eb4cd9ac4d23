package edu.ucla.dgsom.escrow.credentials.control;

import jakarta.validation.constraints.Size;

/** A TOTP seed: either an {@code otpauth://totp/...} URI, or a base32 secret with optional algorithm, digits, period. */
public record TotpInput(@Size(max = 1000) String uri, @Size(max = 300) String secret, @Size(max = 10) String algorithm,
        Integer digits, Integer period) {

    /** Unconstrained: Payara fails /openapi on constrained parameters (docs/architecture.md, "Request records"). */
    public TotpInput(String uri, String secret, String algorithm, Integer digits, Integer period) {
        this.uri = uri;
        this.secret = secret;
        this.algorithm = algorithm;
        this.digits = digits;
        this.period = period;
    }

    /** Never prints the secret it carries, should anything log it. */
    @Override
    public String toString() {
        return "TotpInput[redacted]";
    }
}
