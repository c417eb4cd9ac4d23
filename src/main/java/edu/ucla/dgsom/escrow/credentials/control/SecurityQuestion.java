package edu.ucla.dgsom.escrow.credentials.control;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A security question of the platform and the answer given to it. */
public record SecurityQuestion(@NotBlank @Size(max = 500) String question, @NotBlank @Size(max = 500) String answer) {

    /** Unconstrained: Payara fails /openapi on constrained parameters (docs/architecture.md, "Request records"). */
    public SecurityQuestion(String question, String answer) {
        this.question = question;
        this.answer = answer;
    }

    /** Never prints the secret it carries, should anything log it. */
    @Override
    public String toString() {
        return "SecurityQuestion[redacted]";
    }
}
