package edu.ucla.dgsom.escrow.offboarding.entity;

import edu.ucla.dgsom.escrow.security.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** One thing an offboarding did or still waits for: an access ended, a holder replaced, a rotation required. */
@Entity
@Table(name = "offboarding_item")
@NamedQuery(name = OffboardingItem.OF_CASE, query = "SELECT i FROM OffboardingItem i WHERE i.caseId = :case"
        + " ORDER BY i.createdAt, i.kind, i.accountId, i.id")
@NamedQuery(name = OffboardingItem.COUNT_OPEN, query = "SELECT COUNT(i) FROM OffboardingItem i WHERE i.caseId = :case"
        + " AND i.state = edu.ucla.dgsom.escrow.offboarding.entity.OffboardingItem.State.OPEN")
@NamedQuery(name = OffboardingItem.OPEN_ROTATIONS_OF_ACCOUNT, query = "SELECT i FROM OffboardingItem i"
        + " WHERE i.accountId = :account AND i.kind = edu.ucla.dgsom.escrow.offboarding.entity.OffboardingItem.Kind"
        + ".ROTATION_REQUIRED AND i.state = edu.ucla.dgsom.escrow.offboarding.entity.OffboardingItem.State.OPEN")
@NamedQuery(name = OffboardingItem.AWAITING_CONFIRMATION, query = "SELECT i FROM OffboardingItem i, OffboardingCase c"
        + " WHERE c.id = i.caseId AND i.state = edu.ucla.dgsom.escrow.offboarding.entity.OffboardingItem.State.OPEN"
        + " AND i.kind IN :kinds AND (i.toPerson = :person OR i.toPerson IS NULL)"
        + " ORDER BY c.requestedAt, c.id, i.createdAt, i.id")
public class OffboardingItem {

    public static final String OF_CASE = "OffboardingItem.ofCase";
    /**
     * Open items of the {@code kinds} that wait for a confirmation, naming {@code person} as the new holder or naming
     * nobody (DGIT's), oldest case first.
     */
    public static final String AWAITING_CONFIRMATION = "OffboardingItem.awaitingConfirmation";
    public static final String COUNT_OPEN = "OffboardingItem.countOpen";
    public static final String OPEN_ROTATIONS_OF_ACCOUNT = "OffboardingItem.openRotationsOfAccount";

    /**
     * What the item is about. Holder replacements wait for confirmation, rotations for a new credential version, an
     * account nobody could take over (ACCOUNT_TO_DGIT) for a DGIT admin to name its holders and confirm, a leaver who
     * was DGIT's last active admin with MFA (NO_DGIT_ADMIN_LEFT) for a DGIT admin to enrol MFA and confirm.
     */
    public enum Kind {
        SIGN_IN_DISABLED, SESSIONS_REVOKED, TOKENS_REVOKED, ROLE_REVOKED, CONTENT_OWNER_REPLACED,
        BACKUP_MODERATOR_REPLACED, ACCOUNT_TO_DGIT, DEPARTMENT_OWNERSHIP_TO_DGIT, ROTATION_REQUIRED,
        NO_DGIT_ADMIN_LEFT
    }

    /** DONE items need nothing more. */
    public enum State { OPEN, DONE }

    /** The kinds that wait for a confirmation: by the new holder, or by DGIT when nobody was named. */
    public static final Set<Kind> CONFIRMED_KINDS = Collections.unmodifiableSet(EnumSet.of(Kind.CONTENT_OWNER_REPLACED,
            Kind.BACKUP_MODERATOR_REPLACED, Kind.ACCOUNT_TO_DGIT, Kind.NO_DGIT_ADMIN_LEFT));

    @Id
    private String id;

    @Column(name = "case_id", nullable = false, updatable = false)
    private String caseId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Kind kind;

    @Column(name = "account_id", updatable = false)
    private String accountId;

    @Column(name = "department_id", updatable = false)
    private String departmentId;

    @Column(name = "from_person", updatable = false)
    private String fromPerson;

    @Column(name = "to_person", updatable = false)
    private String toPerson;

    @Column(updatable = false)
    private String detail;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private State state;

    @Column(name = "due_at", updatable = false)
    private Instant dueAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "resolved_at")
    private Instant resolvedAt;

    @Column(name = "resolved_by")
    private String resolvedBy;

    protected OffboardingItem() {
    }

    private OffboardingItem(String caseId, Kind kind, String accountId, String departmentId, String fromPerson,
            String toPerson, String detail, boolean open, Instant dueAt, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.caseId = caseId;
        this.kind = kind;
        this.accountId = accountId;
        this.departmentId = departmentId;
        this.fromPerson = fromPerson;
        this.toPerson = toPerson;
        this.detail = detail;
        this.state = open ? State.OPEN : State.DONE;
        this.dueAt = dueAt == null ? null : dueAt.truncatedTo(ChronoUnit.MICROS);
        this.createdAt = now.truncatedTo(ChronoUnit.MICROS);
        if (!open) {
            this.resolvedAt = this.createdAt;
            this.resolvedBy = "offboarding";
        }
    }

    /** An access that was ended at once; nothing is left to do. */
    public static OffboardingItem done(String caseId, Kind kind, String departmentId, String detail, Instant now) {
        return new OffboardingItem(caseId, kind, null, departmentId, null, null, detail, false, null, now);
    }

    /** A role that ended with the access; a department's ownership falls to DGIT until a new owner is named. */
    public static OffboardingItem roleRevoked(String caseId, Role role, String departmentId, Instant now) {
        return role == Role.DEPARTMENT_OWNER ? done(caseId, Kind.DEPARTMENT_OWNERSHIP_TO_DGIT, departmentId,
                "DGIT holds the department until a new owner is named", now)
                : new OffboardingItem(caseId, Kind.ROLE_REVOKED, null, null, null, null, role.name(), false, null, now);
    }

    /** An account that nobody could take over; open until a DGIT admin has named its holders and confirms it. */
    public static OffboardingItem toDgit(String caseId, String accountId, String departmentId, String leaverId,
            Instant now) {
        return new OffboardingItem(caseId, Kind.ACCOUNT_TO_DGIT, accountId, departmentId, leaverId, null,
                "no successor, other holder, department owner or DGIT admin could take it over: DGIT names its"
                        + " holders", true, null, now);
    }

    /**
     * The leaver's access ended although they were DGIT's last active admin with MFA; open until a DGIT admin (named
     * by an operator if none is left) has MFA and confirms it.
     */
    public static OffboardingItem noDgitAdminLeft(String caseId, String leaverId, Instant now) {
        return new OffboardingItem(caseId, Kind.NO_DGIT_ADMIN_LEFT, null, null, leaverId, null,
                "the leaver was DGIT's last active admin with MFA: name another admin, have them enrol MFA, then"
                        + " confirm", true, null, now);
    }

    /** A holder replaced on an account; open until the new holder or a DGIT admin confirms it. */
    public static OffboardingItem replaced(String caseId, Kind kind, String accountId, String departmentId,
            String fromPerson, String toPerson, String detail, Instant now) {
        return new OffboardingItem(caseId, kind, accountId, departmentId, fromPerson, toPerson, detail, true, null,
                now);
    }

    /**
     * The holders replaced on an account, one item for each place that changed; {@code candidates} says why each new
     * holder was chosen.
     */
    public static List<OffboardingItem> replacements(String caseId, String accountId, String departmentId,
            Holders before, Holders after, Candidates candidates, Instant now) {
        List<OffboardingItem> items = new ArrayList<>();
        if (!after.contentOwner().equals(before.contentOwner())) {
            items.add(replaced(caseId, Kind.CONTENT_OWNER_REPLACED, accountId, departmentId, before.contentOwner(),
                    after.contentOwner(), candidates.whyChosen(after.contentOwner(), before), now));
        }
        if (!after.backupModerator().equals(before.backupModerator())) {
            items.add(replaced(caseId, Kind.BACKUP_MODERATOR_REPLACED, accountId, departmentId,
                    before.backupModerator(), after.backupModerator(),
                    candidates.whyChosen(after.backupModerator(), before), now));
        }
        return items;
    }

    /** A credential that must be rotated by {@code dueAt}; open until a new version is stored. */
    public static OffboardingItem rotation(String caseId, String accountId, String departmentId, Exposure exposure,
            Instant dueAt, Instant now) {
        return new OffboardingItem(caseId, Kind.ROTATION_REQUIRED, accountId, departmentId, null, null,
                exposure.reason(), true, dueAt, now);
    }

    /** Whether a new holder was named in this item: they are told, and confirm it. */
    public boolean namesNewHolder() {
        return toPerson != null;
    }

    /** Done: confirmed by its new holder or a DGIT admin, or (a rotation) closed by the new credential version. */
    public void resolve(String by, Instant now) {
        if (state == State.OPEN) {
            state = State.DONE;
            resolvedBy = by;
            resolvedAt = now.truncatedTo(ChronoUnit.MICROS);
        }
    }

    public boolean confirmable() {
        return state == State.OPEN && CONFIRMED_KINDS.contains(kind);
    }

    /** Whether the item waits for {@code personId}'s confirmation: open, confirmable and naming them as new holder. */
    public boolean awaitsConfirmationBy(String personId) {
        return confirmable() && addressedTo(personId);
    }

    /** Whether the item waits for DGIT's confirmation: open and confirmable, naming no new holder. */
    public boolean awaitsDgit() {
        return confirmable() && toPerson == null;
    }

    /** Whether this item records that the leaver's {@code role} was revoked. */
    public boolean revoked(Role role) {
        return kind == Kind.ROLE_REVOKED && role.name().equals(detail)
                || kind == Kind.DEPARTMENT_OWNERSHIP_TO_DGIT && role == Role.DEPARTMENT_OWNER;
    }

    /** Whether the item is {@code personId}'s to act on: they are the new holder it names. */
    public boolean addressedTo(String personId) {
        return personId != null && personId.equals(toPerson);
    }

    public String id() {
        return id;
    }

    public String caseId() {
        return caseId;
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

    public String fromPerson() {
        return fromPerson;
    }

    public String toPerson() {
        return toPerson;
    }

    public String detail() {
        return detail;
    }

    public State state() {
        return state;
    }

    public Instant dueAt() {
        return dueAt;
    }

    public Instant resolvedAt() {
        return resolvedAt;
    }

    public String resolvedBy() {
        return resolvedBy;
    }
}
