package edu.ucla.dgsom.escrow.credentials.boundary;

import edu.ucla.dgsom.escrow.credentials.entity.CredentialField;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Why the caller needs the secret (at least 10 characters, kept in the audit trail) and, optionally, which fields. */
public record RevealRequest(@Size(max = 500) String reason, @Size(max = 8) List<@NotBlank @Size(max = 32) String> fields) {

    /** Unconstrained: Payara fails /openapi on constrained parameters (docs/architecture.md, "Request records"). */
    public RevealRequest(String reason, List<String> fields) {
        this.reason = reason;
        this.fields = fields;
    }

    /** The fields asked for: all when none are named. */
    Set<CredentialField> wanted() {
        return fields == null || fields.isEmpty() ? EnumSet.allOf(CredentialField.class)
                : CredentialField.named("fields", fields);
    }
}
