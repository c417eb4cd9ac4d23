package edu.ucla.dgsom.escrow.offboarding.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * One workforce member's departure: requested by HR (or DGIT), executed at its effective time, completed when every
 * credential they could reveal has been rotated and every reassignment confirmed.
 */
@Entity
@Table(name = "offboarding_case")
@NamedQuery(name = OffboardingCase.BY_IDEMPOTENCY_KEY, query = "SELECT c FROM OffboardingCase c"
        + " WHERE c.idempotencyKey = :key")
@NamedQuery(name = OffboardingCase.BY_HR_REFERENCE, query = "SELECT c FROM OffboardingCase c"
        + " WHERE c.hrReference = :reference")
@NamedQuery(name = OffboardingCase.OF_PERSON, query = "SELECT c FROM OffboardingCase c WHERE c.personId = :person"
        + " ORDER BY c.requestedAt DESC")
public class OffboardingCase {

    public static final String BY_IDEMPOTENCY_KEY = "OffboardingCase.byIdempotencyKey";
    public static final String BY_HR_REFERENCE = "OffboardingCase.byHrReference";
    public static final String OF_PERSON = "OffboardingCase.ofPerson";

    /** SCHEDULED until its effective time; IN_PROGRESS once access is ended and holdings passed on; then COMPLETED. */
    public enum State { SCHEDULED, IN_PROGRESS, COMPLETED }

    @Id
    private String id;

    @Column(name = "person_id", nullable = false, updatable = false)
    private String personId;

    @Column(name = "employee_id", nullable = false, updatable = false)
    private String employeeId;

    @Column(name = "successor_id", updatable = false)
    private String successorId;

    @Column(name = "hr_reference", updatable = false)
    private String hrReference;

    @Column(name = "idempotency_key", updatable = false)
    private String idempotencyKey;

    @Column(name = "effective_at", nullable = false, updatable = false)
    private Instant effectiveAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private State state;

    @Column(name = "requested_by", nullable = false, updatable = false)
    private String requestedBy;

    @Column(name = "requested_at", nullable = false, updatable = false)
    private Instant requestedAt;

    @Column(name = "executed_at")
    private Instant executedAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    @Version
    @Column(name = "row_version")
    private int rowVersion;

    protected OffboardingCase() {
    }

    public OffboardingCase(String personId, String employeeId, String successorId, String hrReference,
            String idempotencyKey, Instant effectiveAt, String requestedBy, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.personId = personId;
        this.employeeId = employeeId;
        this.successorId = successorId;
        this.hrReference = hrReference;
        this.idempotencyKey = idempotencyKey;
        this.effectiveAt = effectiveAt.truncatedTo(ChronoUnit.MICROS);
        this.state = State.SCHEDULED;
        this.requestedBy = requestedBy;
        this.requestedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    public boolean dueAt(Instant now) {
        return state == State.SCHEDULED && !effectiveAt.isAfter(now);
    }

    public void executed(Instant now) {
        if (state != State.SCHEDULED) {
            throw new IllegalStateException("a case is executed once");
        }
        state = State.IN_PROGRESS;
        executedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    public void completed(Instant now) {
        state = State.COMPLETED;
        completedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    public String id() {
        return id;
    }

    public String personId() {
        return personId;
    }

    public String employeeId() {
        return employeeId;
    }

    public String successorId() {
        return successorId;
    }

    public String hrReference() {
        return hrReference;
    }

    public Instant effectiveAt() {
        return effectiveAt;
    }

    public State state() {
        return state;
    }

    public String requestedBy() {
        return requestedBy;
    }

    public Instant requestedAt() {
        return requestedAt;
    }

    public Instant executedAt() {
        return executedAt;
    }

    public Instant completedAt() {
        return completedAt;
    }
}
