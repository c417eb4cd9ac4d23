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
import java.util.Optional;

/**
 * A department's attestation of its compliance report for one period: one of its owners reads the report and attests
 * that it is correct or lists corrections. It keeps the exact CSV read and its SHA-256. Open from the period's start;
 * reminded 7 days after opening and escalated to DGIT after 14 while nobody has attested; attested once.
 */
@Entity
@Table(name = "attestation")
@NamedQuery(name = Attestation.ALL, query = "SELECT a FROM Attestation a ORDER BY a.periodStart DESC, a.departmentId")
public class Attestation {

    public static final String ALL = "Attestation.all";

    /** A missing attestation is reminded this long after opening, */
    public static final Duration REMIND_AFTER = Duration.ofDays(7);
    /** and escalated to DGIT's admins this long after. */
    public static final Duration ESCALATE_AFTER = Duration.ofDays(14);

    public enum State { OPEN, ESCALATED, ATTESTED }

    public enum Verdict { CORRECT, CORRECTIONS }

    /** What is due for a missing attestation: a reminder to its owners, or an escalation to DGIT. */
    public enum Reminder { REMINDER, ESCALATION }

    @Id
    private String id;

    @Column(name = "department_id", nullable = false, updatable = false)
    private String departmentId;

    @Column(name = "period_id", nullable = false, updatable = false)
    private String periodId;

    @Column(name = "period_start", nullable = false, updatable = false)
    private Instant periodStart;

    @Column(name = "period_end", nullable = false, updatable = false)
    private Instant periodEnd;

    @Column(name = "opened_at", nullable = false, updatable = false)
    private Instant openedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private State state;

    @Column(name = "escalated_at")
    private Instant escalatedAt;

    @Column(name = "attested_by")
    private String attestedBy;

    @Column(name = "attested_at")
    private Instant attestedAt;

    @Enumerated(EnumType.STRING)
    private Verdict verdict;

    private String corrections;

    @Column(name = "report_digest")
    private String reportDigest;

    @Column(name = "report_csv")
    private byte[] reportCsv;

    @Version
    @Column(name = "row_version")
    private int rowVersion;

    protected Attestation() {
    }

    /** An open attestation, as the opening inserts it (tests build one the same way). */
    public Attestation(String id, String departmentId, AttestationPeriod period, Instant openedAt) {
        this.id = id;
        this.departmentId = departmentId;
        this.periodId = period.id();
        this.periodStart = period.start();
        this.periodEnd = period.end();
        this.openedAt = openedAt.truncatedTo(ChronoUnit.MICROS);
        this.state = State.OPEN;
    }

    /**
     * {@code personId} attests the report they read, whose digest is {@code digestRead}, against the report as it is
     * now ({@code csv}, whose digest is {@code currentDigest}): once; only if nothing changed since it was read;
     * corrections required with CORRECTIONS and refused with CORRECT.
     */
    public void attest(String personId, String digestRead, Verdict verdict, String corrections, byte[] csv,
            String currentDigest, Instant now) {
        if (state == State.ATTESTED) {
            throw ProblemException.illegalTransition("Attestation " + id, state, "it was attested on " + attestedAt
                    + "; a period is attested once");
        }
        boolean listed = corrections != null && !corrections.isBlank();
        if (listed != (verdict == Verdict.CORRECTIONS)) {
            throw ProblemException.invalidField("corrections", verdict == Verdict.CORRECTIONS
                    ? "list the corrections the report needs" : "only with the verdict CORRECTIONS");
        }
        if (!currentDigest.equals(digestRead)) {
            throw new ProblemException(ProblemType.CONFLICT, "The report changed since you read it: read it again"
                    + " (its digest is now " + currentDigest + ") and attest what it says now",
                    List.of(new Problem.FieldError("reportDigest", "not the report's digest now")));
        }
        this.state = State.ATTESTED;
        this.attestedBy = personId;
        this.attestedAt = now.truncatedTo(ChronoUnit.MICROS);
        this.verdict = verdict;
        this.corrections = listed ? corrections.strip() : null;
        this.reportDigest = currentDigest;
        this.reportCsv = csv.clone();
    }

    /** What is due at {@code now} while nobody has attested: the latest of the reminder and the escalation reached. */
    public Optional<Reminder> reminderDue(Instant now) {
        if (state == State.ATTESTED || now.isBefore(openedAt.plus(REMIND_AFTER))) {
            return Optional.empty();
        }
        return Optional.of(now.isBefore(openedAt.plus(ESCALATE_AFTER)) ? Reminder.REMINDER : Reminder.ESCALATION);
    }

    /** Escalates an open attestation to DGIT once its time has come; whether it did. */
    public boolean escalate(Instant now) {
        if (state != State.OPEN || reminderDue(now).orElse(null) != Reminder.ESCALATION) {
            return false;
        }
        state = State.ESCALATED;
        escalatedAt = now.truncatedTo(ChronoUnit.MICROS);
        return true;
    }

    public String id() {
        return id;
    }

    public String departmentId() {
        return departmentId;
    }

    public String periodId() {
        return periodId;
    }

    public Instant periodStart() {
        return periodStart;
    }

    public Instant periodEnd() {
        return periodEnd;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public State state() {
        return state;
    }

    public Instant escalatedAt() {
        return escalatedAt;
    }

    public String attestedBy() {
        return attestedBy;
    }

    public Instant attestedAt() {
        return attestedAt;
    }

    public Verdict verdict() {
        return verdict;
    }

    public String corrections() {
        return corrections;
    }

    public String reportDigest() {
        return reportDigest;
    }

    /** The exact CSV attested, empty before. */
    public Optional<byte[]> reportCsv() {
        return Optional.ofNullable(reportCsv).map(byte[]::clone);
    }
}
