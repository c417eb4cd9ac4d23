package edu.ucla.dgsom.escrow.crypto.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** One version of the key ring: a KEK, stored wrapped by a root key, named by its id. */
@Entity
@Table(name = "key_encryption_key")
@NamedQuery(name = KeyEncryptionKey.ALL, query = "SELECT k FROM KeyEncryptionKey k ORDER BY k.version")
@NamedQuery(name = KeyEncryptionKey.ACTIVE, query = "SELECT k FROM KeyEncryptionKey k WHERE k.state = "
        + "edu.ucla.dgsom.escrow.crypto.entity.KeyEncryptionKey.State.ACTIVE ORDER BY k.version")
@NamedQuery(name = KeyEncryptionKey.OLDER_THAN, query = "SELECT k FROM KeyEncryptionKey k WHERE k.version < :version")
@NamedQuery(name = KeyEncryptionKey.LATEST_VERSION, query = "SELECT MAX(k.version) FROM KeyEncryptionKey k")
public class KeyEncryptionKey {

    public static final String ALL = "KeyEncryptionKey.all";
    public static final String ACTIVE = "KeyEncryptionKey.active";
    /**
     * Native, with a shared lock on the active KEK rows until the caller's transaction ends: a value sealed under the
     * version read here is committed before a rotation can lock the old KEK to complete (see KeyRotations).
     */
    public static final String CURRENT_VERSION = "SELECT MAX(version) FROM key_encryption_key WHERE state = 'ACTIVE'"
            + " LOCK IN SHARE MODE";
    public static final String OLDER_THAN = "KeyEncryptionKey.olderThan";
    public static final String LATEST_VERSION = "KeyEncryptionKey.latestVersion";

    /** ACTIVE keys can unwrap; the newest ACTIVE one wraps new values. RETIRED keys are erased. */
    public enum State { ACTIVE, RETIRED }

    @Id
    private int version;

    @Column(name = "wrapped_key")
    private byte[] wrappedKey;

    /** The id of the root key that wraps {@code wrappedKey}; null only for rows stored before ids existed. */
    @Column(name = "root_key_id")
    private String rootKeyId;

    @Enumerated(EnumType.STRING)
    private State state;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "retired_at")
    private Instant retiredAt;

    protected KeyEncryptionKey() {
    }

    public KeyEncryptionKey(int version, byte[] wrappedKey, String rootKeyId, Instant now) {
        this.version = version;
        this.wrappedKey = wrappedKey.clone();
        this.rootKeyId = rootKeyId;
        this.state = State.ACTIVE;
        this.createdAt = now;
    }

    /** The same KEK, now wrapped by another root key (a root-key rotation). */
    public void rewrappedUnder(byte[] newWrappedKey, String newRootKeyId) {
        if (state != State.ACTIVE) {
            throw new IllegalStateException("key version " + version + " is retired");
        }
        this.wrappedKey = newWrappedKey.clone();
        this.rootKeyId = newRootKeyId;
    }

    /** Names the root key that opened a row stored before root keys had ids. */
    public void openedBy(String rootKeyId) {
        if (this.rootKeyId == null) {
            this.rootKeyId = rootKeyId;
        }
    }

    /**
     * The id of the root key that wraps it; a row stored before root keys had ids is wrapped by the one root key there
     * was, {@code onlyRootKeyId}.
     */
    public String rootKeyIdOr(String onlyRootKeyId) {
        return rootKeyId == null ? onlyRootKeyId : rootKeyId;
    }

    public boolean wrappedBy(String id) {
        return id.equals(rootKeyId);
    }

    /** Erases the key material; values still wrapped by it would become unreadable, so callers check first. */
    public void retire(Instant now) {
        state = State.RETIRED;
        wrappedKey = null;
        rootKeyId = null;
        retiredAt = now;
    }

    public int version() {
        return version;
    }

    public byte[] wrappedKey() {
        return wrappedKey == null ? null : wrappedKey.clone();
    }

    public String rootKeyId() {
        return rootKeyId;
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
