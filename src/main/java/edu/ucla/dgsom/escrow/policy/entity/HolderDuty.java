package edu.ucla.dgsom.escrow.policy.entity;

import edu.ucla.dgsom.escrow.problems.Problem;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * The duties of one holder of one account (policy I.2): privacy and HIPAA, accurate content, consent, monitoring. The
 * holder acknowledges them once, and the acknowledgement records the policy version they read. The duty ends when
 * someone else takes the holder's place or the account is retired.
 */
@Entity
@Table(name = "holder_duty")
@NamedQuery(name = HolderDuty.OPEN_OF_ACCOUNT, query = "SELECT d FROM HolderDuty d WHERE d.accountId = :account"
        + " AND d.endedAt IS NULL ORDER BY d.duty")
@NamedQuery(name = HolderDuty.OF_ACCOUNT, query = "SELECT d FROM HolderDuty d WHERE d.accountId = :account"
        + " ORDER BY d.assignedAt DESC, d.id")
@NamedQuery(name = HolderDuty.OF_PERSON, query = "SELECT d FROM HolderDuty d WHERE d.personId = :person"
        + " ORDER BY d.assignedAt DESC, d.id")
@NamedQuery(name = HolderDuty.OPEN_OF_ACCOUNTS, query = "SELECT d FROM HolderDuty d WHERE d.accountId IN :accounts"
        + " AND d.endedAt IS NULL")
@NamedQuery(name = HolderDuty.AWAITING_SINCE, query = "SELECT d.id FROM HolderDuty d WHERE d.endedAt IS NULL"
        + " AND d.acknowledgedAt IS NULL AND d.assignedAt <= :since ORDER BY d.assignedAt")
public class HolderDuty {

    public static final String OPEN_OF_ACCOUNT = "HolderDuty.openOfAccount";
    public static final String OF_ACCOUNT = "HolderDuty.ofAccount";
    public static final String OF_PERSON = "HolderDuty.ofPerson";
    public static final String OPEN_OF_ACCOUNTS = "HolderDuty.openOfAccounts";
    public static final String AWAITING_SINCE = "HolderDuty.awaitingSince";

    /** Which of the account's two holders. */
    public enum Duty { CONTENT_OWNER, BACKUP_MODERATOR }

    public enum State { AWAITING, ACKNOWLEDGED, ENDED }

    @Id
    private String id;

    @Column(name = "account_id", nullable = false, updatable = false)
    private String accountId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Duty duty;

    @Column(name = "person_id", nullable = false, updatable = false)
    private String personId;

    @Column(name = "assigned_at", nullable = false, updatable = false)
    private Instant assignedAt;

    @Column(name = "acknowledged_at")
    private Instant acknowledgedAt;

    @Column(name = "policy_version")
    private String policyVersion;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Version
    @Column(name = "row_version")
    private int rowVersion;

    protected HolderDuty() {
    }

    public HolderDuty(String accountId, Duty duty, String personId, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.accountId = accountId;
        this.duty = duty;
        this.personId = personId;
        this.assignedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * The holder acknowledges the duties of the policy version they read, which must be the current one: a holder who
     * read an older text acknowledges what no longer stands.
     */
    public void acknowledge(String by, String versionRead, String currentVersion, Instant now) {
        if (state() != State.AWAITING) {
            throw ProblemException.illegalTransition("Duty " + id, state(), "only a duty AWAITING its holder's"
                    + " acknowledgement can be acknowledged");
        }
        if (!personId.equals(by)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only the holder acknowledges their duties");
        }
        if (!currentVersion.equals(versionRead)) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "The policy is at version " + currentVersion
                    + ": read it again, then acknowledge that version", List.of(new Problem.FieldError(
                    "policyVersion", "the current version is " + currentVersion)));
        }
        acknowledgedAt = now.truncatedTo(ChronoUnit.MICROS);
        policyVersion = versionRead;
    }

    /** Someone else holds the place now, or the account was retired. */
    public void end(Instant now) {
        if (endedAt == null) {
            endedAt = now.truncatedTo(ChronoUnit.MICROS);
        }
    }

    public State state() {
        if (endedAt != null) {
            return State.ENDED;
        }
        return acknowledgedAt == null ? State.AWAITING : State.ACKNOWLEDGED;
    }

    /** When the acknowledgement is due: {@code within} after the assignment. */
    public Instant dueAt(Duration within) {
        return assignedAt.plus(within);
    }

    /** Whether the holder still has not acknowledged {@code within} after the assignment. */
    public boolean overdue(Instant now, Duration within) {
        return state() == State.AWAITING && !now.isBefore(dueAt(within));
    }

    public String id() {
        return id;
    }

    public String accountId() {
        return accountId;
    }

    public Duty duty() {
        return duty;
    }

    public String personId() {
        return personId;
    }

    public Instant assignedAt() {
        return assignedAt;
    }

    public Instant acknowledgedAt() {
        return acknowledgedAt;
    }

    public String policyVersion() {
        return policyVersion;
    }

    public Instant endedAt() {
        return endedAt;
    }
}
