package edu.ucla.dgsom.escrow.credentials.boundary;

import edu.ucla.dgsom.escrow.accounts.entity.Platform;
import jakarta.validation.constraints.NotNull;

/** For which platform; optionally a length (16 up to the platform's maximum) and whether symbols are wanted. */
public record PasswordRequest(@NotNull Platform platform, Integer length, Boolean symbols) {

    /** Unconstrained: Payara fails /openapi on constrained parameters (docs/architecture.md, "Request records"). */
    public PasswordRequest(Platform platform, Integer length, Boolean symbols) {
        this.platform = platform;
        this.length = length;
        this.symbols = symbols;
    }
}
