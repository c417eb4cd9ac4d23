package edu.ucla.dgsom.escrow.access.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A sign-in through the campus OpenID Connect provider while it is under way, in the database so that any instance
 * finishes what another started. The browser holds a random token whose SHA-256 is the id; the row holds what the
 * provider's answer must match (state, nonce) and the PKCE verifier. It serves one answer of the provider: after
 * that it either ends or, when the escrow's own TOTP step is still needed, names the person vouched for until a code
 * is given or too many wrong ones were.
 */
@Entity
@Table(name = "provider_sign_in")
@NamedQuery(name = ProviderSignIn.DELETE_EXPIRED, query = "DELETE FROM ProviderSignIn p WHERE p.expiresAt < :now")
public class ProviderSignIn {

    public static final String DELETE_EXPIRED = "ProviderSignIn.deleteExpired";
    /** Long enough to sign in at the provider and type a code; short enough that a stolen cookie soon is worthless. */
    public static final Duration LIFETIME = Duration.ofMinutes(10);
    /** Wrong TOTP or recovery codes after which the provider must be asked again. */
    static final int MAX_FAILED_CODES = 5;

    @Id
    @Column(name = "token_hash")
    private String tokenHash;

    @Column(nullable = false, updatable = false)
    private String state;

    @Column(nullable = false, updatable = false)
    private String nonce;

    @Column(name = "code_verifier", nullable = false, updatable = false)
    private String codeVerifier;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private Instant expiresAt;

    @Column(name = "person_id")
    private String personId;

    @Column(name = "id_token")
    private String idToken;

    @Column(name = "failed_codes", nullable = false)
    private int failedCodes;

    /** The SHA-256 of the session the browser held when it started; it ends when this sign-in opens the next. */
    @Column(name = "replaces_session_hash", updatable = false)
    private String replacesSessionHash;

    protected ProviderSignIn() {
    }

    public ProviderSignIn(String tokenHash, String state, String nonce, String codeVerifier, Instant now) {
        this.tokenHash = tokenHash;
        this.state = state;
        this.nonce = nonce;
        this.codeVerifier = codeVerifier;
        this.createdAt = now.truncatedTo(ChronoUnit.MICROS);
        this.expiresAt = createdAt.plus(LIFETIME);
    }

    /** The browser held this session (by its token's SHA-256) when it started this sign-in. */
    public void replacesSession(String sessionHash) {
        this.replacesSessionHash = sessionHash;
    }

    public Optional<String> replacedSession() {
        return Optional.ofNullable(replacesSessionHash);
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** Whether this flow still waits for the provider's answer and {@code answered} is its state (constant time). */
    public boolean awaitsAnswerWith(String answered) {
        return personId == null && answered != null && MessageDigest.isEqual(
                state.getBytes(StandardCharsets.UTF_8), answered.getBytes(StandardCharsets.UTF_8));
    }

    /** The provider vouched for this person, who must still give the escrow's own code. */
    public void awaitCodeOf(String vouchedPersonId, String vouchingIdToken) {
        if (personId != null) {
            throw new IllegalStateException("the provider already answered this sign-in");
        }
        this.personId = vouchedPersonId;
        this.idToken = vouchingIdToken;
    }

    /** Whether the provider vouched for a person who must still give the escrow's code. */
    public boolean awaitsCode() {
        return personId != null;
    }

    /** Counts a wrong code; says whether this sign-in is used up by it. */
    public boolean codeFailed() {
        failedCodes++;
        return failedCodes >= MAX_FAILED_CODES;
    }

    public String nonce() {
        return nonce;
    }

    public String codeVerifier() {
        return codeVerifier;
    }

    public String personId() {
        return personId;
    }

    public String idToken() {
        return idToken;
    }
}
