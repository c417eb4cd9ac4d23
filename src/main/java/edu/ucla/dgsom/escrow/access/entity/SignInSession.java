package edu.ucla.dgsom.escrow.access.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/**
 * A signed-in person's session, shared by every instance through the database. Only hashes of the session token and
 * of its CSRF token are stored.
 */
@Entity
@Table(name = "session")
@NamedQuery(name = SignInSession.DELETE_OF_PERSON, query = "DELETE FROM SignInSession s WHERE s.personId = :person")
public class SignInSession {

    public static final String DELETE_OF_PERSON = "SignInSession.deleteOfPerson";
    /** Writes of the last-seen time are spaced, so not every request writes. */
    private static final Duration TOUCH_INTERVAL = Duration.ofSeconds(30);

    @Id
    @Column(name = "token_hash")
    private String tokenHash;

    @Column(name = "person_id", nullable = false, updatable = false)
    private String personId;

    @Column(name = "csrf_hash", nullable = false, updatable = false)
    private String csrfHash;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "last_seen_at", nullable = false)
    private Instant lastSeenAt;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private Instant expiresAt;

    protected SignInSession() {
    }

    public SignInSession(String tokenHash, String personId, String csrfHash, Instant now, Duration absoluteTimeout) {
        this.tokenHash = tokenHash;
        this.personId = personId;
        this.csrfHash = csrfHash;
        this.createdAt = now;
        this.lastSeenAt = now;
        this.expiresAt = now.plus(absoluteTimeout);
    }

    /** Still usable: within its absolute lifetime and not idle for longer than {@code idleTimeout}. */
    public boolean liveAt(Instant now, Duration idleTimeout) {
        return now.isBefore(expiresAt) && now.isBefore(lastSeenAt.plus(idleTimeout));
    }

    /** Marks activity; returns whether the row changed. */
    public boolean touch(Instant now) {
        if (now.isAfter(lastSeenAt.plus(TOUCH_INTERVAL))) {
            lastSeenAt = now;
            return true;
        }
        return false;
    }

    public String tokenHash() {
        return tokenHash;
    }

    public String personId() {
        return personId;
    }

    public String csrfHash() {
        return csrfHash;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
