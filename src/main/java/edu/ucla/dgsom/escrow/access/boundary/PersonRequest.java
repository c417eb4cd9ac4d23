package edu.ucla.dgsom.escrow.access.boundary;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A workforce member, keyed by the HR employee id; with a sign-in if they will use the service themselves. */
public record PersonRequest(@NotBlank @Size(max = 64) String employeeId, @NotBlank @Size(max = 200) String name,
        @NotBlank @Email @Size(max = 254) String email, @NotBlank @Size(max = 36) String departmentId,
        @Valid SignInSetup signIn) {

    /** Unconstrained: Payara fails /openapi on constrained parameters (docs/architecture.md, "Request records"). */
    public PersonRequest(String employeeId, String name, String email, String departmentId, SignInSetup signIn) {
        this.employeeId = employeeId;
        this.name = name;
        this.email = email;
        this.departmentId = departmentId;
        this.signIn = signIn;
    }

    /** A username and an initial password (at least 12 characters) that must be changed at first sign-in. */
    public record SignInSetup(@NotBlank @Size(min = 3, max = 64) String username,
            @NotBlank @Size(min = 12, max = 1024) String initialPassword) {

        /** Declared so the constraints stay off the constructor parameters (Payara's OpenAPI scanner). */
        public SignInSetup(String username, String initialPassword) {
            this.username = username;
            this.initialPassword = initialPassword;
        }

        @Override
        public String toString() {
            return "SignInSetup[username=" + username + "]";
        }
    }
}
