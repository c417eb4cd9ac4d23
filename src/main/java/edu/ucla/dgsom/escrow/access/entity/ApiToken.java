package edu.ucla.dgsom.escrow.access.entity;

import edu.ucla.dgsom.escrow.security.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A system's credential (HR's system, scripts): one role (a department owner's for one department), an expiry, stored
 * only as a hash.
 */
@Entity
@Table(name = "api_token")
@NamedQuery(name = ApiToken.BY_HASH, query = "SELECT t FROM ApiToken t WHERE t.tokenHash = :hash")
@NamedQuery(name = ApiToken.ALL, query = "SELECT t FROM ApiToken t ORDER BY t.createdAt DESC, t.id")
@NamedQuery(name = ApiToken.COUNT, query = "SELECT COUNT(t) FROM ApiToken t")
@NamedQuery(name = ApiToken.LIVE_OF_PERSON, query = "SELECT t FROM ApiToken t WHERE (t.personId = :person"
        + " OR t.createdBy = :creator) AND t.revokedAt IS NULL")
public class ApiToken {

    public static final String BY_HASH = "ApiToken.byHash";
    public static final String ALL = "ApiToken.all";
    public static final String LIVE_OF_PERSON = "ApiToken.liveOfPerson";
    public static final String COUNT = "ApiToken.count";
    /** The role that lets a person issue tokens; a token lives only as long as its issuer holds it. */
    public static final Role ISSUER_ROLE = Role.DGIT_ADMIN;
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);
    private static final String PERSON_ISSUER = "person:";

    @Id
    private String id;

    @Column(nullable = false, updatable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Role role;

    /** The department a DEPARTMENT_OWNER token owns; null for the other roles. */
    @Column(name = "department_id", updatable = false)
    private String departmentId;

    @Column(name = "token_hash", nullable = false, updatable = false)
    private String tokenHash;

    @Column(name = "person_id", updatable = false)
    private String personId;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    protected ApiToken() {
    }

    public ApiToken(String name, Role role, String departmentId, String tokenHash, String createdBy, Instant now,
            Instant expiresAt) {
        this.id = UUID.randomUUID().toString();
        this.name = name;
        this.role = role;
        this.departmentId = departmentId;
        this.tokenHash = tokenHash;
        this.createdBy = createdBy;
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    /**
     * Tokens are for systems: HR's staff sign in as people (their system has HR_INTEGRATION), and a supervisor's
     * approval is a person's statement, so no token carries HR_STAFF or SUPERVISOR.
     */
    public static boolean mayCarry(Role role) {
        return !role.heldByPeopleOnly();
    }

    /** A new token must expire in the future, and no later than {@code maxValidity} from now. */
    public static boolean expiryAllowed(Instant expiresAt, Instant now, Duration maxValidity) {
        return expiresAt.isAfter(now) && !expiresAt.isAfter(now.plus(maxValidity));
    }

    /**
     * Records use, to the minute: enough to see which tokens are idle, and to audit their use, without a write per
     * request. Returns whether this use was recorded.
     */
    public boolean usedAt(Instant now) {
        if (lastUsedAt == null || now.isAfter(lastUsedAt.plus(LAST_USED_RESOLUTION))) {
            lastUsedAt = now;
            return true;
        }
        return false;
    }

    /** Why the token cannot be used now, or null. */
    public String refusal(Instant now) {
        return revokedAt != null ? "revoked" : now.isBefore(expiresAt) ? null : "expired";
    }

    /**
     * The person who issued the token, whose standing it depends on; empty for the bootstrap token (the operator's)
     * and for tokens a token made before tokens lost that right.
     */
    public Optional<String> issuingPerson() {
        return createdBy.startsWith(PERSON_ISSUER) ? Optional.of(createdBy.substring(PERSON_ISSUER.length()))
                : Optional.empty();
    }

    /** How {@link #createdBy()} names a token issued by {@code personId}. */
    public static String issuedBy(String personId) {
        return PERSON_ISSUER + personId;
    }

    public void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Role role() {
        return role;
    }

    public String departmentId() {
        return departmentId;
    }

    /** The departments the token's caller owns: a DEPARTMENT_OWNER token's one, else none. */
    public Set<String> ownedDepartments() {
        return departmentId == null ? Set.of() : Set.of(departmentId);
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }
}
