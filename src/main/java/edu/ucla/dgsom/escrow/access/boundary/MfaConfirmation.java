package edu.ucla.dgsom.escrow.access.boundary;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** A current code from the authenticator, proving it holds the new seed. */
public record MfaConfirmation(@NotNull @Pattern(regexp = "\\d{6}") String code) {

    /** Declared so the constraints stay off the constructor parameter, which Payara's OpenAPI scanner trips on. */
    public MfaConfirmation(String code) {
        this.code = code;
    }

    /** Never prints the secret it carries, should anything log it. */
    @Override
    public String toString() {
        return "MfaConfirmation[redacted]";
    }
}
