package edu.ucla.dgsom.escrow.crypto.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** One version of the key ring: a KEK, stored wrapped by the root key. */
@Entity
@Table(name = "key_encryption_key")
@NamedQuery(name = KeyEncryptionKey.ALL, query = "SELECT k FROM KeyEncryptionKey k ORDER BY k.version")
@NamedQuery(name = KeyEncryptionKey.ACTIVE, query = "SELECT k FROM KeyEncryptionKey k WHERE k.state = "
        + "edu.ucla.dgsom.escrow.crypto.entity.KeyEncryptionKey.State.ACTIVE ORDER BY k.version")
@NamedQuery(name = KeyEncryptionKey.CURRENT_VERSION, query = "SELECT MAX(k.version) FROM KeyEncryptionKey k WHERE k.state = "
        + "edu.ucla.dgsom.escrow.crypto.entity.KeyEncryptionKey.State.ACTIVE")
@NamedQuery(name = KeyEncryptionKey.LATEST_VERSION, query = "SELECT MAX(k.version) FROM KeyEncryptionKey k")
public class KeyEncryptionKey {

    public static final String ALL = "KeyEncryptionKey.all";
    public static final String ACTIVE = "KeyEncryptionKey.active";
    public static final String CURRENT_VERSION = "KeyEncryptionKey.currentVersion";
    public static final String LATEST_VERSION = "KeyEncryptionKey.latestVersion";

    /** ACTIVE keys can unwrap; the newest ACTIVE one wraps new values. RETIRED keys are erased. */
    public enum State { ACTIVE, RETIRED }

    @Id
    private int version;

    @Column(name = "wrapped_key")
    private byte[] wrappedKey;

    @Enumerated(EnumType.STRING)
    private State state;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "retired_at")
    private Instant retiredAt;

    protected KeyEncryptionKey() {
    }

    public KeyEncryptionKey(int version, byte[] wrappedKey, Instant now) {
        this.version = version;
        this.wrappedKey = wrappedKey.clone();
        this.state = State.ACTIVE;
        this.createdAt = now;
    }

    /** Erases the key material; values still wrapped by it would become unreadable, so callers check first. */
    public void retire(Instant now) {
        state = State.RETIRED;
        wrappedKey = null;
        retiredAt = now;
    }

    public int version() {
        return version;
    }

    public byte[] wrappedKey() {
        return wrappedKey == null ? null : wrappedKey.clone();
    }

    public State state() {
        return state;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant retiredAt() {
        return retiredAt;
    }
}
