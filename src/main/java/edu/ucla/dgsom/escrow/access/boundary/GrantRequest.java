package edu.ucla.dgsom.escrow.access.boundary;

import edu.ucla.dgsom.escrow.security.Role;
import jakarta.validation.constraints.NotNull;

/** A role to grant; DEPARTMENT_OWNER names its department. */
public record GrantRequest(@NotNull Role role, String departmentId) {

    /** Unconstrained: Payara fails /openapi on constrained parameters (docs/architecture.md, "Request records"). */
    public GrantRequest(Role role, String departmentId) {
        this.role = role;
        this.departmentId = departmentId;
    }
}
