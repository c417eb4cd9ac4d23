package edu.ucla.dgsom.escrow.access.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A signed-in person's session, shared by every instance through the database. Only hashes of the session token and
 * of its CSRF token are stored; the person sees and ends their sessions by an opaque id of their own, with where each
 * was opened from (client address and User-Agent).
 */
@Entity
@Table(name = "session")
@NamedQuery(name = SignInSession.DELETE_OF_PERSON, query = "DELETE FROM SignInSession s WHERE s.personId = :person")
@NamedQuery(name = SignInSession.OF_PERSON, query = "SELECT s FROM SignInSession s WHERE s.personId = :person"
        + " ORDER BY s.createdAt DESC, s.publicId")
@NamedQuery(name = SignInSession.DELETE_OTHERS_OF_PERSON, query = "DELETE FROM SignInSession s"
        + " WHERE s.personId = :person AND s.tokenHash <> :current")
@NamedQuery(name = SignInSession.WITH_HOLDER, query = "SELECT s, p, i, g FROM SignInSession s"
        + " LEFT JOIN Person p ON p.id = s.personId LEFT JOIN SignIn i ON i.personId = s.personId"
        + " LEFT JOIN RoleGrant g ON g.personId = s.personId WHERE s.tokenHash = :hash")
public class SignInSession {

    public static final String DELETE_OF_PERSON = "SignInSession.deleteOfPerson";
    public static final String OF_PERSON = "SignInSession.ofPerson";
    public static final String DELETE_OTHERS_OF_PERSON = "SignInSession.deleteOthersOfPerson";
    /** The session with its person, sign-in and role grants: a row per grant, at least one. */
    public static final String WITH_HOLDER = "SignInSession.withHolder";
    /** The longest User-Agent kept: enough to tell browsers apart, not a place to store whatever a client sends. */
    public static final int USER_AGENT_LENGTH = 255;
    /** Writes of the last-seen time are spaced, so not every request writes. */
    private static final Duration TOUCH_INTERVAL = Duration.ofSeconds(30);

    @Id
    @Column(name = "token_hash")
    private String tokenHash;

    @Column(name = "public_id", nullable = false, updatable = false)
    private String publicId;

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

    @Column(name = "client_address", updatable = false)
    private String clientAddress;

    @Column(name = "user_agent", updatable = false)
    private String userAgent;

    @Column(name = "via_provider", nullable = false, updatable = false)
    private boolean viaProvider;

    @Column(name = "provider_mfa", nullable = false, updatable = false)
    private boolean providerMfa;

    /** The provider's ID token, handed back at sign-out as the end-session endpoint's {@code id_token_hint}. */
    @Column(name = "id_token", updatable = false)
    private String idToken;

    protected SignInSession() {
    }

    /** A session opened now from {@code clientAddress} by {@code userAgent} (as sent; cut to a sane length here). */
    public SignInSession(String tokenHash, String personId, String csrfHash, Instant now, Duration absoluteTimeout,
            String clientAddress, String userAgent) {
        this.tokenHash = tokenHash;
        this.publicId = UUID.randomUUID().toString();
        this.personId = personId;
        this.csrfHash = csrfHash;
        // To the microsecond, as the database keeps it: the expiry told at sign-in is the one GET /session tells.
        this.createdAt = now.truncatedTo(ChronoUnit.MICROS);
        this.lastSeenAt = createdAt;
        this.expiresAt = createdAt.plus(absoluteTimeout);
        this.clientAddress = clientAddress;
        this.userAgent = userAgentToKeep(userAgent);
    }

    /**
     * The User-Agent as kept: control characters dropped, surrounding blanks trimmed, at most
     * {@value #USER_AGENT_LENGTH} characters (never half a surrogate pair); null when nothing is left.
     */
    static String userAgentToKeep(String sent) {
        if (sent == null) {
            return null;
        }
        StringBuilder kept = new StringBuilder();
        sent.codePoints().filter(c -> !Character.isISOControl(c)).forEach(kept::appendCodePoint);
        String trimmed = kept.toString().strip();
        if (trimmed.length() > USER_AGENT_LENGTH) {
            int end = Character.isHighSurrogate(trimmed.charAt(USER_AGENT_LENGTH - 1)) ? USER_AGENT_LENGTH - 1
                    : USER_AGENT_LENGTH;
            trimmed = trimmed.substring(0, end);
        }
        return trimmed.isEmpty() ? null : trimmed;
    }

    /**
     * Marks a new session as opened through the campus provider, which proved who the person is (and, with
     * {@link ProviderAssurance#MULTI_FACTOR}, did the second factor too): no local password stands behind it.
     */
    public void vouchedForByProvider(ProviderAssurance assurance, String providerIdToken) {
        this.viaProvider = true;
        this.providerMfa = assurance == ProviderAssurance.MULTI_FACTOR;
        this.idToken = providerIdToken;
    }

    public boolean viaProvider() {
        return viaProvider;
    }

    /** Whether the provider's sign-in behind this session was multi-factor. */
    public boolean mfaByProvider() {
        return providerMfa;
    }

    public String providerIdToken() {
        return idToken;
    }

    /** Whether this is the session whose token has the digest {@code sessionHash}. */
    public boolean isTheOneWith(String sessionHash) {
        return tokenHash.equals(sessionHash);
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

    public String publicId() {
        return publicId;
    }

    public String personId() {
        return personId;
    }

    public String csrfHash() {
        return csrfHash;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastSeenAt() {
        return lastSeenAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public String clientAddress() {
        return clientAddress;
    }

    public String userAgent() {
        return userAgent;
    }
}
