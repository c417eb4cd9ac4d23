package edu.ucla.dgsom.escrow.accounts.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Something DGIT did on the platform itself (policy II: "modify content"), such as a removed post or a changed bio,
 * logged on the account as text. Never changed once recorded.
 */
@Entity
@Table(name = "account_content_action")
@NamedQuery(name = ContentAction.OF_ACCOUNT, query = "SELECT c FROM ContentAction c WHERE c.accountId = :account"
        + " ORDER BY c.recordedAt DESC, c.id DESC")
public class ContentAction {

    public static final String OF_ACCOUNT = "ContentAction.ofAccount";

    @Id
    private String id;

    @Column(name = "account_id", nullable = false, updatable = false)
    private String accountId;

    @Column(nullable = false, updatable = false)
    private String description;

    @Column(name = "taken_at", nullable = false, updatable = false)
    private Instant takenAt;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private Instant recordedAt;

    @Column(name = "recorded_by", nullable = false, updatable = false)
    private String recordedBy;

    protected ContentAction() {
    }

    /** {@code takenAt} is when it happened on the platform, if not now; it cannot lie in the future. */
    public ContentAction(String accountId, String description, Instant takenAt, String by, Instant now) {
        if (takenAt != null && takenAt.isAfter(now)) {
            throw new IllegalArgumentException("a content action cannot be taken in the future");
        }
        this.id = UUID.randomUUID().toString();
        this.accountId = accountId;
        this.description = description;
        this.recordedAt = now.truncatedTo(ChronoUnit.MICROS);
        this.takenAt = takenAt == null ? recordedAt : takenAt.truncatedTo(ChronoUnit.MICROS);
        this.recordedBy = by;
    }

    public String id() {
        return id;
    }

    public String accountId() {
        return accountId;
    }

    public String description() {
        return description;
    }

    public Instant takenAt() {
        return takenAt;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    public String recordedBy() {
        return recordedBy;
    }
}
