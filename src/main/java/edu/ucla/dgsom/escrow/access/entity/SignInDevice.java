package edu.ucla.dgsom.escrow.access.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/**
 * A browser that signed a person in successfully (OWASP's device cookie): it is throttled on its own, so guessing
 * from the same address or against the same username does not lock its person out. Only the cookie's digest is kept.
 */
@Entity
@Table(name = "sign_in_device")
@NamedQuery(name = SignInDevice.DELETE_EXPIRED, query = "DELETE FROM SignInDevice d WHERE d.expiresAt < :now")
public class SignInDevice {

    public static final String DELETE_EXPIRED = "SignInDevice.deleteExpired";

    @Id
    @Column(name = "token_hash")
    private String tokenHash;

    @Column(name = "person_id", nullable = false, updatable = false)
    private String personId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private Instant expiresAt;

    protected SignInDevice() {
    }

    public SignInDevice(String tokenHash, String personId, Instant now, Duration validity) {
        this.tokenHash = tokenHash;
        this.personId = personId;
        this.createdAt = now;
        this.expiresAt = now.plus(validity);
    }

    /** Whether this cookie vouches for a browser of {@code personId} at {@code now}: its own person, not expired. */
    public boolean vouchesFor(String personId, Instant now) {
        return this.personId.equals(personId) && now.isBefore(expiresAt);
    }

    public String tokenHash() {
        return tokenHash;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
