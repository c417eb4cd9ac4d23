package edu.ucla.dgsom.escrow.access.boundary;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Username and password, plus a TOTP code or a recovery code once MFA is enrolled. */
public record SignInRequest(@NotNull @Size(min = 1, max = 64) String username,
        @NotNull @Size(min = 1, max = 1024) String password,
        @Size(max = 10) String totpCode,
        @Size(max = 40) String recoveryCode) {

    /** Unconstrained: Payara fails /openapi on constrained parameters (docs/architecture.md, "Request records"). */
    public SignInRequest(String username, String password, String totpCode, String recoveryCode) {
        this.username = username;
        this.password = password;
        this.totpCode = totpCode;
        this.recoveryCode = recoveryCode;
    }

    @Override
    public String toString() {
        return "SignInRequest[username=" + username + "]";
    }
}
