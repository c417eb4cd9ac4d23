package edu.ucla.dgsom.escrow.access.boundary;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A new department: a short code (letters, digits, dashes) and its name. */
public record DepartmentRequest(@NotBlank @Pattern(regexp = "[A-Za-z0-9-]{2,32}") String code,
        @NotBlank @Size(max = 200) String name) {

    /** Unconstrained: Payara fails /openapi on constrained parameters (docs/architecture.md, "Request records"). */
    public DepartmentRequest(String code, String name) {
        this.code = code;
        this.name = name;
    }
}
