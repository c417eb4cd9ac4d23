package edu.ucla.dgsom.escrow.accounts.entity;

import edu.ucla.dgsom.escrow.problems.ProblemException;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Where an official account stands (policy sections I and II): its status, the approval it has, and why, when and by
 * whom the status last changed. Only these transitions move it; each refuses an illegal one naming the account
 * ({@code accountId}) and its current status.
 */
@Embeddable
public class AccountStanding {

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    private AccountStatus status;

    /** The request whose approval the account has (policy I.1), null while it has none. */
    @Column(name = "approval_request_id")
    private String approvalRequestId;

    @Column(name = "approved_at")
    private Instant approvedAt;

    /** The status a suspension interrupted, to which reinstatement returns. */
    @Enumerated(EnumType.STRING)
    @Column(name = "suspended_from")
    private AccountStatus suspendedFrom;

    @Column(name = "status_reason")
    private String statusReason;

    @Column(name = "status_changed_at")
    private Instant statusChangedAt;

    @Column(name = "status_changed_by")
    private String statusChangedBy;

    protected AccountStanding() {
    }

    AccountStanding(AccountStatus status) {
        this.status = status;
    }

    /**
     * A standing as a disaster-recovery export has it. The export keeps no approval request (the approval keeps its
     * time only) nor what a suspension interrupted: a suspended account returns to ACTIVE if it holds credentials,
     * else to APPROVED or REQUESTED as its approval says.
     */
    public static AccountStanding restored(AccountStatus status, String statusReason, Instant statusChangedAt,
            Instant approvedAt, boolean escrowed) {
        AccountStanding standing = new AccountStanding(status);
        standing.statusReason = statusReason;
        standing.statusChangedAt = statusChangedAt == null ? null : statusChangedAt.truncatedTo(ChronoUnit.MICROS);
        standing.approvedAt = approvedAt == null ? null : approvedAt.truncatedTo(ChronoUnit.MICROS);
        if (status == AccountStatus.SUSPENDED) {
            standing.suspendedFrom = escrowed ? AccountStatus.ACTIVE
                    : approvedAt != null ? AccountStatus.APPROVED : AccountStatus.REQUESTED;
        }
        return standing;
    }

    /** The first escrow puts a requested or approved account in use, also one a suspension waits on. */
    void putInUse() {
        if (status == AccountStatus.REQUESTED || status == AccountStatus.APPROVED) {
            status = AccountStatus.ACTIVE;
        } else if (status == AccountStatus.SUSPENDED) {
            suspendedFrom = AccountStatus.ACTIVE;
        }
    }

    /** Refuses an approval the account cannot take: it has one already, or it is retired. */
    void requireApprovable(String accountId) {
        if (approvedAt != null) {
            throw ProblemException.illegalTransition("Account " + accountId, status, "it was approved on " + approvedAt);
        }
        if (status == AccountStatus.RETIRED) {
            throw ProblemException.illegalTransition("Account " + accountId, status,
                    "a retired account is not approved");
        }
    }

    /**
     * Records the approval of request {@code requestId}: a requested account takes {@code requestedBecomes} (APPROVED
     * until its first escrow); an account already in use keeps its status and gains the approval it lacked.
     */
    Map<String, String> approve(String accountId, String requestId, AccountStatus requestedBecomes, String by,
            Instant now) {
        requireApprovable(accountId);
        AccountStatus before = status;
        approvalRequestId = requestId;
        approvedAt = now.truncatedTo(ChronoUnit.MICROS);
        if (status == AccountStatus.REQUESTED) {
            status = requestedBecomes;
        }
        return changed(before, "approved by request " + requestId, by, now);
    }

    Map<String, String> suspend(String accountId, String reason, String by, Instant now) {
        if (!status.suspendable()) {
            throw ProblemException.illegalTransition("Account " + accountId, status,
                    "only a REQUESTED, APPROVED or ACTIVE account can be suspended");
        }
        AccountStatus before = status;
        suspendedFrom = status;
        status = AccountStatus.SUSPENDED;
        return changed(before, reason, by, now);
    }

    Map<String, String> reinstate(String accountId, String reason, String by, Instant now) {
        if (status != AccountStatus.SUSPENDED) {
            throw ProblemException.illegalTransition("Account " + accountId, status,
                    "only a SUSPENDED account can be reinstated");
        }
        status = suspendedFrom;
        suspendedFrom = null;
        return changed(AccountStatus.SUSPENDED, reason, by, now);
    }

    Map<String, String> retire(String accountId, String reason, String by, Instant now) {
        if (status == AccountStatus.RETIRED) {
            throw ProblemException.illegalTransition("Account " + accountId, status, "it was retired on "
                    + statusChangedAt);
        }
        AccountStatus before = status;
        status = AccountStatus.RETIRED;
        suspendedFrom = null;
        return changed(before, reason, by, now);
    }

    /** Remembers why and by whom the status last changed, and says what changed, for the audit trail. */
    private Map<String, String> changed(AccountStatus before, String reason, String by, Instant now) {
        statusReason = reason;
        statusChangedBy = by;
        statusChangedAt = now.truncatedTo(ChronoUnit.MICROS);
        return Map.of("status", before + "->" + status);
    }

    public AccountStatus status() {
        return status;
    }

    public String approvalRequestId() {
        return approvalRequestId;
    }

    public Instant approvedAt() {
        return approvedAt;
    }

    public String statusReason() {
        return statusReason;
    }

    public Instant statusChangedAt() {
        return statusChangedAt;
    }

    public String statusChangedBy() {
        return statusChangedBy;
    }
}
