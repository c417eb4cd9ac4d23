package edu.ucla.dgsom.escrow.policy.entity;

import edu.ucla.dgsom.escrow.accounts.entity.Platform;
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
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A request for an official account (policy I): the department, platform and handle, its purpose, the content owner
 * and backup moderator it designates and the content owner's FTE share for social media. A supervisor of the
 * department approves or rejects it (I.1); nobody decides their own request; a content owner below 0.25 FTE (I.2) is
 * approved only with the approver's explicit acknowledgement. A request about an account registered already asks for
 * its approval after the fact.
 */
@Entity
@Table(name = "account_request")
@NamedQuery(name = AccountRequest.PENDING_FOR, query = "SELECT r.id FROM AccountRequest r"
        + " WHERE r.identityKey = :key AND r.state = edu.ucla.dgsom.escrow.policy.entity.AccountRequest.State.PENDING")
@NamedQuery(name = AccountRequest.PENDING_FOR_ACCOUNTS, query = "SELECT r FROM AccountRequest r"
        + " WHERE r.accountId IS NOT NULL"
        + " AND r.state = edu.ucla.dgsom.escrow.policy.entity.AccountRequest.State.PENDING")
public class AccountRequest {

    public static final String PENDING_FOR = "AccountRequest.pendingFor";
    public static final String PENDING_FOR_ACCOUNTS = "AccountRequest.pendingForAccounts";

    /** The least FTE share a content owner has for social media without the approver's acknowledgement (I.2). */
    public static final BigDecimal QUARTER_FTE = new BigDecimal("0.25");

    /** A new account, or one registered before it had an approval. */
    public enum Kind { NEW_ACCOUNT, EXISTING }

    public enum State { PENDING, APPROVED, REJECTED, WITHDRAWN }

    @Id
    private String id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Kind kind;

    @Column(name = "account_id")
    private String accountId;

    @Column(name = "department_id", nullable = false, updatable = false)
    private String departmentId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Platform platform;

    @Column(name = "platform_name", updatable = false)
    private String platformName;

    @Column(nullable = false, updatable = false)
    private String handle;

    @Column(name = "identity_key", nullable = false, updatable = false)
    private String identityKey;

    @Column(name = "profile_url", updatable = false)
    private String profileUrl;

    @Column(name = "display_name", nullable = false, updatable = false)
    private String displayName;

    @Column(nullable = false, updatable = false)
    private String purpose;

    @Column(name = "content_owner_id", nullable = false, updatable = false)
    private String contentOwnerId;

    @Column(name = "backup_moderator_id", nullable = false, updatable = false)
    private String backupModeratorId;

    @Column(name = "content_owner_fte", nullable = false, updatable = false, precision = 3, scale = 2)
    private BigDecimal contentOwnerFte;

    @Column(name = "requested_by", nullable = false, updatable = false)
    private String requestedBy;

    @Column(name = "requested_at", nullable = false, updatable = false)
    private Instant requestedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private State state;

    @Column(name = "decided_by")
    private String decidedBy;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(name = "decision_comment")
    private String decisionComment;

    @Column(name = "low_fte_acknowledged", nullable = false)
    private boolean lowFteAcknowledged;

    @Version
    @Column(name = "row_version")
    private int rowVersion;

    protected AccountRequest() {
    }

    public AccountRequest(Proposal proposal, String requestedBy, Instant now) {
        if (Objects.equals(proposal.contentOwnerId(), proposal.backupModeratorId())) {
            throw new IllegalArgumentException("content owner and backup moderator must differ");
        }
        this.id = UUID.randomUUID().toString();
        this.kind = proposal.accountId() == null ? Kind.NEW_ACCOUNT : Kind.EXISTING;
        this.accountId = proposal.accountId();
        this.departmentId = proposal.departmentId();
        this.platform = proposal.platform();
        this.platformName = proposal.platformName();
        this.handle = proposal.handle();
        this.identityKey = proposal.identityKey();
        this.profileUrl = proposal.profileUrl();
        this.displayName = proposal.displayName();
        this.purpose = proposal.purpose();
        this.contentOwnerId = proposal.contentOwnerId();
        this.backupModeratorId = proposal.backupModeratorId();
        this.contentOwnerFte = proposal.contentOwnerFte();
        this.requestedBy = requestedBy;
        this.requestedAt = now.truncatedTo(ChronoUnit.MICROS);
        this.state = State.PENDING;
    }

    /**
     * What a request asks for, each value in its stored form. {@code accountId} names a registered account (an
     * approval after the fact), null for a new one.
     */
    public record Proposal(String accountId, String departmentId, Platform platform, String platformName,
            String handle, String identityKey, String profileUrl, String displayName, String purpose,
            String contentOwnerId, String backupModeratorId, BigDecimal contentOwnerFte) {
    }

    /** A supervisor's decision: the comment, and for an approval whether they acknowledge a content owner below 0.25 FTE. */
    public record Decision(String comment, boolean acknowledgesLowFte) {
    }

    /** Approves the request, if it is pending, not the approver's own, and any low FTE share is acknowledged. */
    public void approve(String approverId, Decision decision, Instant now) {
        requireDecidableBy(approverId, "approved");
        if (lowFte() && !decision.acknowledgesLowFte()) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "The content owner has " + contentOwnerFte
                    + " FTE for social media, below the 0.25 the policy asks for: approve only if you acknowledge it",
                    List.of(new Problem.FieldError("acknowledgeLowFte", "must be true to approve below 0.25 FTE")));
        }
        lowFteAcknowledged = lowFte();
        decide(State.APPROVED, approverId, decision.comment(), now);
    }

    public void reject(String approverId, Decision decision, Instant now) {
        requireDecidableBy(approverId, "rejected");
        decide(State.REJECTED, approverId, decision.comment(), now);
    }

    /** The requester takes back a pending request. */
    public void withdraw(String personId, Instant now) {
        requirePending("withdrawn");
        if (!requestedBy.equals(personId)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only the requester may withdraw a request");
        }
        state = State.WITHDRAWN;
        decidedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    /** The account an approved request for a new account registered. */
    public void registered(String newAccountId) {
        if (kind != Kind.NEW_ACCOUNT || state != State.APPROVED || accountId != null) {
            throw new IllegalStateException("only an approved request for a new account registers one");
        }
        accountId = newAccountId;
    }

    private void requireDecidableBy(String approverId, String wanted) {
        requirePending(wanted);
        if (requestedBy.equals(approverId)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Nobody decides their own request: another supervisor"
                    + " of the department must");
        }
    }

    private void requirePending(String wanted) {
        if (state != State.PENDING) {
            throw ProblemException.illegalTransition("Request " + id, state, "only a PENDING request can be "
                    + wanted);
        }
    }

    private void decide(State decided, String approverId, String comment, Instant now) {
        state = decided;
        decidedBy = approverId;
        decisionComment = comment;
        decidedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    /** Whether the content owner has less than a quarter FTE for social media. */
    public boolean lowFte() {
        return contentOwnerFte.compareTo(QUARTER_FTE) < 0;
    }

    /** Whether the person requested the request, or is named in it as a holder. */
    public boolean concerns(String personId) {
        return requestedBy.equals(personId) || contentOwnerId.equals(personId) || backupModeratorId.equals(personId);
    }

    public String id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    public String accountId() {
        return accountId;
    }

    public String departmentId() {
        return departmentId;
    }

    public Platform platform() {
        return platform;
    }

    public String platformName() {
        return platformName;
    }

    public String handle() {
        return handle;
    }

    public String identityKey() {
        return identityKey;
    }

    public String profileUrl() {
        return profileUrl;
    }

    public String displayName() {
        return displayName;
    }

    public String purpose() {
        return purpose;
    }

    public String contentOwnerId() {
        return contentOwnerId;
    }

    public String backupModeratorId() {
        return backupModeratorId;
    }

    public BigDecimal contentOwnerFte() {
        return contentOwnerFte;
    }

    public String requestedBy() {
        return requestedBy;
    }

    public Instant requestedAt() {
        return requestedAt;
    }

    public State state() {
        return state;
    }

    public String decidedBy() {
        return decidedBy;
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    public String decisionComment() {
        return decisionComment;
    }

    public boolean lowFteAcknowledged() {
        return lowFteAcknowledged;
    }
}
