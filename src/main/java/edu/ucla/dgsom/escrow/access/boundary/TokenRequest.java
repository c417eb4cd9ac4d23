package edu.ucla.dgsom.escrow.access.boundary;

import edu.ucla.dgsom.escrow.security.Role;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * A system's token: a name that says whose it is, one role, the department a DEPARTMENT_OWNER token owns (no other
 * role takes one), and an expiry (at most a year ahead).
 */
public record TokenRequest(@NotBlank @Size(max = 100) String name, @NotNull Role role, String departmentId,
        @NotNull Instant expiresAt) {

    /** Unconstrained: Payara fails /openapi on constrained parameters (docs/architecture.md, "Request records"). */
    public TokenRequest(String name, Role role, String departmentId, Instant expiresAt) {
        this.name = name;
        this.role = role;
        this.departmentId = departmentId;
        this.expiresAt = expiresAt;
    }
}
