package edu.ucla.dgsom.escrow.keys.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A rotation to a new KEK: every data key is re-wrapped to {@code targetVersion}, in batches, resumably. */
@Entity
@Table(name = "key_rotation")
@NamedQuery(name = KeyRotation.RUNNING, query = "SELECT r FROM KeyRotation r WHERE r.state = "
        + "edu.ucla.dgsom.escrow.keys.entity.KeyRotation.State.RUNNING")
@NamedQuery(name = KeyRotation.NEWEST_FIRST, query = "SELECT r FROM KeyRotation r ORDER BY r.startedAt DESC, r.id")
public class KeyRotation {

    public static final String RUNNING = "KeyRotation.running";
    public static final String NEWEST_FIRST = "KeyRotation.newestFirst";

    /** RUNNING until no value is wrapped by an older KEK. */
    public enum State { RUNNING, COMPLETED }

    @Id
    private String id;

    @Column(name = "target_version", nullable = false, updatable = false)
    private int targetVersion;

    @Enumerated(EnumType.STRING)
    private State state;

    @Column(nullable = false, updatable = false)
    private String reason;

    @Column(name = "requested_by", updatable = false)
    private String requestedBy;

    @Column(name = "started_at", nullable = false, updatable = false)
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    private long rewrapped;

    protected KeyRotation() {
    }

    public KeyRotation(int targetVersion, String reason, String requestedBy, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.targetVersion = targetVersion;
        this.state = State.RUNNING;
        this.reason = reason;
        this.requestedBy = requestedBy;
        this.startedAt = now;
    }

    public void progressed(int count) {
        rewrapped += count;
    }

    /** A rotation is complete once no value is left wrapped by an older KEK; until then it keeps running. */
    public void completeIfNoneLeft(long remaining, Instant now) {
        if (remaining == 0) {
            state = State.COMPLETED;
            finishedAt = now;
        }
    }

    public boolean running() {
        return state == State.RUNNING;
    }

    public String id() {
        return id;
    }

    public int targetVersion() {
        return targetVersion;
    }

    public State state() {
        return state;
    }

    public String reason() {
        return reason;
    }

    public String requestedBy() {
        return requestedBy;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public long rewrapped() {
        return rewrapped;
    }
}
