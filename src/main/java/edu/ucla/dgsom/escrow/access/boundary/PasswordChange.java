package edu.ucla.dgsom.escrow.access.boundary;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The current password again, and the new one: at least 12 characters. */
public record PasswordChange(@NotNull @Size(max = 1024) String currentPassword,
        @NotNull @Size(min = 12, max = 1024) String newPassword) {

    /** Unconstrained: Payara fails /openapi on constrained parameters (docs/architecture.md, "Request records"). */
    public PasswordChange(String currentPassword, String newPassword) {
        this.currentPassword = currentPassword;
        this.newPassword = newPassword;
    }

    @Override
    public String toString() {
        return "PasswordChange[]";
    }
}
