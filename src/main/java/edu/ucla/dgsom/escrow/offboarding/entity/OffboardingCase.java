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
@NamedQuery(name = OffboardingCase.PEOPLE_LEAVING, query = "SELECT c.personId FROM OffboardingCase c WHERE c.state"
        + " = edu.ucla.dgsom.escrow.offboarding.entity.OffboardingCase.State.ACCESS_ENDED OR (c.state ="
        + " edu.ucla.dgsom.escrow.offboarding.entity.OffboardingCase.State.SCHEDULED AND c.effectiveAt <= :now)")
@NamedQuery(name = OffboardingCase.LIST, query = "SELECT c FROM OffboardingCase c WHERE c.state IN :states"
        + " AND (:department IS NULL OR c.departmentId = :department)"
        + " AND (:employee IS NULL OR c.employeeId = :employee)"
        + " AND (:dueBefore IS NULL OR (c.state = edu.ucla.dgsom.escrow.offboarding.entity.OffboardingCase.State"
        + ".SCHEDULED AND c.effectiveAt < :dueBefore) OR EXISTS (SELECT i FROM OffboardingItem i WHERE i.caseId ="
        + " c.id AND i.state = edu.ucla.dgsom.escrow.offboarding.entity.OffboardingItem.State.OPEN"
        + " AND i.dueAt < :dueBefore))"
        + " ORDER BY c.requestedAt DESC, c.id")
public class OffboardingCase {

    /**
     * Cases newest first, in any of {@code states}, of the leaver's department, of one employee and with something
     * due before {@code dueBefore} (still to be executed by then, or an open item due by then); null is "any".
     */
    public static final String LIST = "OffboardingCase.list";

    /** People being offboarded: their case is due, or their access has ended and the hand-over is pending. */
    public static final String PEOPLE_LEAVING = "OffboardingCase.peopleLeaving";

    public static final String BY_IDEMPOTENCY_KEY = "OffboardingCase.byIdempotencyKey";
    public static final String BY_HR_REFERENCE = "OffboardingCase.byHrReference";
    public static final String OF_PERSON = "OffboardingCase.ofPerson";

    /**
     * SCHEDULED until its effective time; ACCESS_ENDED once the leaver's access has ended (committed on its own,
     * before anything is handed over); IN_PROGRESS once their holdings are passed on; then COMPLETED.
     */
    public enum State { SCHEDULED, ACCESS_ENDED, IN_PROGRESS, COMPLETED }

    @Id
    private String id;

    @Column(name = "person_id", nullable = false, updatable = false)
    private String personId;

    @Column(name = "employee_id", nullable = false, updatable = false)
    private String employeeId;

    /** The leaver's department when the case was requested, kept although they may move or leave. */
    @Column(name = "department_id", nullable = false, updatable = false)
    private String departmentId;

    @Column(name = "successor_id", updatable = false)
    private String successorId;

    @Column(name = "hr_reference", updatable = false)
    private String hrReference;

    @Column(name = "idempotency_key", updatable = false)
    private String idempotencyKey;

    @Column(name = "effective_at", nullable = false)
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

    public OffboardingCase(String personId, String employeeId, String departmentId, String successorId,
            String hrReference, String idempotencyKey, Instant effectiveAt, String requestedBy, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.personId = personId;
        this.employeeId = employeeId;
        this.departmentId = departmentId;
        this.successorId = successorId;
        this.hrReference = hrReference;
        this.idempotencyKey = idempotencyKey;
        this.effectiveAt = effectiveAt.truncatedTo(ChronoUnit.MICROS);
        this.state = State.SCHEDULED;
        this.requestedBy = requestedBy;
        this.requestedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    /** Whether the leaver's access is to be ended now: the case is scheduled and its time has come. */
    public boolean dueAt(Instant now) {
        return state == State.SCHEDULED && !effectiveAt.isAfter(now);
    }

    /** Whether the hand-over is still to do: access has ended, the holdings are not yet passed on. */
    public boolean awaitsHandover() {
        return state == State.ACCESS_ENDED;
    }

    /**
     * A request to offboard at {@code requested} brings a case still scheduled for later forward to that time (never
     * later); true if it moved.
     */
    public boolean bringForwardTo(Instant requested) {
        Instant at = requested.truncatedTo(ChronoUnit.MICROS);
        if (state != State.SCHEDULED || !at.isBefore(effectiveAt)) {
            return false;
        }
        effectiveAt = at;
        return true;
    }

    public void accessEnded(Instant now) {
        if (state != State.SCHEDULED) {
            throw new IllegalStateException("access is ended once");
        }
        state = State.ACCESS_ENDED;
        executedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    public void handedOver() {
        if (state != State.ACCESS_ENDED) {
            throw new IllegalStateException("a case is handed over once, after access has ended");
        }
        state = State.IN_PROGRESS;
    }

    /** A handed-over case completes once none of its items is open; true if it completed now. */
    public boolean completeIfNothingOpen(long openItems, Instant now) {
        if (state != State.IN_PROGRESS || openItems > 0) {
            return false;
        }
        state = State.COMPLETED;
        completedAt = now.truncatedTo(ChronoUnit.MICROS);
        return true;
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

    public String departmentId() {
        return departmentId;
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
