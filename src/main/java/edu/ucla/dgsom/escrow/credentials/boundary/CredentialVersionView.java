package edu.ucla.dgsom.escrow.credentials.boundary;

import edu.ucla.dgsom.escrow.credentials.entity.CredentialField;
import edu.ucla.dgsom.escrow.credentials.entity.CredentialVersion;
import java.time.Instant;
import java.util.List;

/** A version of a credential set without its secrets: which fields it holds and changed, who made it, when, why. */
public record CredentialVersionView(int version, boolean current, List<String> fields, List<String> changedFields,
        String reason, Instant createdAt, String createdBy) {

    public static CredentialVersionView of(CredentialVersion version, int current) {
        return new CredentialVersionView(version.version(), version.version() == current,
                version.fields().stream().map(CredentialField::key).toList(),
                version.changedFields().stream().map(CredentialField::key).toList(), version.reason(),
                version.createdAt(), version.createdBy());
    }
}
