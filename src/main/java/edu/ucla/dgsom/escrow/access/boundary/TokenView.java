package edu.ucla.dgsom.escrow.access.boundary;

import edu.ucla.dgsom.escrow.access.entity.ApiToken;
import java.time.Instant;

/**
 * A token's metadata; {@code departmentId} is the department a DEPARTMENT_OWNER token owns, {@code token} carries the
 * secret only in the answer to its creation.
 */
public record TokenView(String id, String name, String role, String departmentId, Instant createdAt,
        String createdBy, Instant expiresAt, Instant revokedAt, Instant lastUsedAt, String token) {

    static TokenView of(ApiToken token, String secret) {
        return new TokenView(token.id(), token.name(), token.role().name(), token.departmentId(), token.createdAt(),
                token.createdBy(), token.expiresAt(), token.revokedAt(), token.lastUsedAt(), secret);
    }

    /** Never prints the secret it carries, should anything log it. */
    @Override
    public String toString() {
        return "TokenView[id=" + id + ", name=" + name + ", role=" + role + ", token="
                + (token == null ? "none" : "redacted") + "]";
    }
}
