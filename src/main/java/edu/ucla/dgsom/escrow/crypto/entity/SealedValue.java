package edu.ucla.dgsom.escrow.crypto.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A secret behind the barrier: its owner's coordinates in the clear (they are the associated data) and the envelope.
 * The plaintext never exists in this class.
 */
@Entity
@Table(name = "sealed_value")
@NamedQuery(name = SealedValue.BY_OWNER, query = "SELECT s FROM SealedValue s WHERE s.ownerTable = :table"
        + " AND s.ownerId = :id AND s.field = :field AND s.ownerVersion = :version")
@NamedQuery(name = SealedValue.OF_OWNER_VERSION, query = "SELECT s FROM SealedValue s WHERE s.ownerTable = :table"
        + " AND s.ownerId = :id AND s.ownerVersion = :version")
@NamedQuery(name = SealedValue.COUNT_BY_KEK, query = "SELECT s.kekVersion, COUNT(s) FROM SealedValue s GROUP BY s.kekVersion")
@NamedQuery(name = SealedValue.COUNT_BELOW_KEK, query = "SELECT COUNT(s) FROM SealedValue s WHERE s.kekVersion < :version")
@NamedQuery(name = SealedValue.COUNT_WITH_KEK, query = "SELECT COUNT(s) FROM SealedValue s WHERE s.kekVersion = :version")
public class SealedValue {

    public static final String BY_OWNER = "SealedValue.byOwner";
    public static final String OF_OWNER_VERSION = "SealedValue.ofOwnerVersion";
    public static final String COUNT_BY_KEK = "SealedValue.countByKek";
    public static final String COUNT_BELOW_KEK = "SealedValue.countBelowKek";
    public static final String COUNT_WITH_KEK = "SealedValue.countWithKek";
    /**
     * Native: JPQL has no SKIP LOCKED, which lets several instances re-wrap side by side. Ordered as the
     * (kek_version, id) index is, so a batch reads only stale values; in id order the primary key was scanned past
     * every value already re-wrapped, and each batch took longer than the one before.
     */
    public static final String LOCK_STALE_BATCH = "SELECT * FROM sealed_value WHERE kek_version < ?"
            + " ORDER BY kek_version, id LIMIT ? FOR UPDATE SKIP LOCKED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "owner_table", nullable = false, updatable = false)
    private String ownerTable;

    @Column(name = "owner_id", nullable = false, updatable = false)
    private String ownerId;

    @Column(nullable = false, updatable = false)
    private String field;

    @Column(name = "owner_version", nullable = false, updatable = false)
    private int ownerVersion;

    @Column(name = "kek_version", nullable = false)
    private int kekVersion;

    @Column(nullable = false)
    private byte[] envelope;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected SealedValue() {
    }

    public SealedValue(String ownerTable, String ownerId, String field, int ownerVersion, int kekVersion,
            byte[] envelope, Instant now) {
        this.ownerTable = ownerTable;
        this.ownerId = ownerId;
        this.field = field;
        this.ownerVersion = ownerVersion;
        this.kekVersion = kekVersion;
        this.envelope = envelope;
        this.createdAt = now;
    }

    /** The same secret, its data key now wrapped by another KEK. */
    public void rewrapped(byte[] newEnvelope, int newKekVersion) {
        this.envelope = newEnvelope;
        this.kekVersion = newKekVersion;
    }

    public Long id() {
        return id;
    }

    public String ownerTable() {
        return ownerTable;
    }

    public String ownerId() {
        return ownerId;
    }

    public String field() {
        return field;
    }

    public int ownerVersion() {
        return ownerVersion;
    }

    public int kekVersion() {
        return kekVersion;
    }

    public byte[] envelope() {
        return envelope;
    }
}
