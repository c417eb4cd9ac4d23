package edu.ucla.dgsom.escrow.accounts.control;

import edu.ucla.dgsom.escrow.access.control.Departments;
import edu.ucla.dgsom.escrow.access.control.People;
import edu.ucla.dgsom.escrow.access.control.PersonDetails;
import edu.ucla.dgsom.escrow.accounts.control.AccountAccess.Capability;
import edu.ucla.dgsom.escrow.accounts.entity.AccountRevision;
import edu.ucla.dgsom.escrow.accounts.entity.AccountStatus;
import edu.ucla.dgsom.escrow.accounts.entity.OfficialAccount;
import edu.ucla.dgsom.escrow.accounts.entity.RotatedCredentials;
import edu.ucla.dgsom.escrow.audit.control.AuditAction;
import edu.ucla.dgsom.escrow.audit.control.AuditTrail;
import edu.ucla.dgsom.escrow.audit.control.Outcome;
import edu.ucla.dgsom.escrow.problems.Problem;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import edu.ucla.dgsom.escrow.security.Caller;
import edu.ucla.dgsom.escrow.security.Role;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registry of official accounts: registration, changes and reassignment of the content owner and backup
 * moderator, and the list each caller may see. Every change is in the audit trail.
 */
@Stateless
public class Accounts {

    @PersistenceContext
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    AccountAccess access;

    @Inject
    People people;

    @Inject
    Departments departments;

    @Inject
    Event<HoldersAssigned> holdersAssigned;

    @Inject
    RotationSettings rotationSettings;

    public OfficialAccount create(NewAccount request) {
        String reason = AccountAccess.clip(request.reason());
        AuditTrail.Target target = new AuditTrail.Target("account", null, request.departmentId());
        if (!caller.has(Role.DGIT_ADMIN) && !caller.ownsDepartment(request.departmentId())) {
            throw audit.refuse(AuditAction.ACCOUNT_CREATE, target, reason, "not an owner of the department",
                    new ProblemException(ProblemType.FORBIDDEN,
                            "Only DGIT admins and the department's owners may register its accounts"));
        }
        String departmentId = existingDepartment(request.departmentId());
        if (!request.status().registrable()) {
            throw ProblemException.invalidField("status", "REQUESTED, or ACTIVE for an account in use before the"
                    + " service; the other statuses come from approval, suspension and retirement");
        }
        if (request.status() != AccountStatus.REQUESTED && !caller.has(Role.DGIT_ADMIN)) {
            throw audit.refuse(AuditAction.ACCOUNT_CREATE, target, reason, "status set by a non-DGIT caller",
                    new ProblemException(ProblemType.FORBIDDEN, "Only DGIT admins set the status; new accounts"
                            + " start REQUESTED", List.of(new Problem.FieldError("status", "DGIT admins only"))));
        }
        Holders holders = holders(request.contentOwnerId(), request.backupModeratorId());
        requireUnique(OfficialAccount.identityKey(request.platform(), request.platformName(), request.handle()), null);
        OfficialAccount account = new OfficialAccount(request.platform(), request.platformName(), request.handle(),
                request.profileUrl(), request.displayName(), departmentId, request.status(), holders.contentOwnerId(),
                holders.backupModeratorId(), request.notes(), caller.auditName(), Instant.now());
        em.persist(account);
        holdersAssigned.fire(HoldersAssigned.of(account.id(), account.contentOwnerId(), account.backupModeratorId()));
        audit.record(AuditAction.ACCOUNT_CREATE, AccountAccess.target(account), Outcome.ALLOWED, reason, Map.of(
                "platform", account.platform().name(), "handle", account.handle(), "status", account.status().name(),
                "contentOwner", account.contentOwnerId(), "backupModerator", account.backupModeratorId()));
        return account;
    }

    /** {@link #create}, for another feature: the account as it sees one. */
    public AccountRef register(NewAccount request) {
        return AccountRef.of(create(request));
    }

    /**
     * The account registered under {@code identityKey} ({@code Platform.identityKey}), whoever may see it: one real
     * account is registered once, so a caller told it exists goes through it, never around it.
     */
    public Optional<AccountRef> registered(String identityKey) {
        return em.createNamedQuery(OfficialAccount.BY_IDENTITY, OfficialAccount.class).setParameter("key", identityKey)
                .getResultStream().findFirst().map(AccountRef::of);
    }

    /** The account if the caller may see it. */
    public OfficialAccount account(AccountId id) {
        return access.account(id, Capability.READ, AuditAction.ACCOUNT_READ, null);
    }

    /** Applies {@code edit}; reassignment of the holders is audited on its own. */
    public OfficialAccount update(AccountId id, AccountEdit edit) {
        String reason = AccountAccess.clip(edit.reason());
        OfficialAccount account = access.accountForUpdate(id, Capability.MANAGE, AuditAction.ACCOUNT_UPDATE, reason);
        AccountRevision revision = permitted(account, edit.revision(), reason);
        Instant now = Instant.now();
        Map<String, String> changed = account.revise(revision, caller.auditName(), now);
        if (!changed.isEmpty()) {
            audit.record(AuditAction.ACCOUNT_UPDATE, AccountAccess.target(account), Outcome.ALLOWED, reason, changed);
        }
        String owner = edit.contentOwnerId() == null ? account.contentOwnerId() : edit.contentOwnerId();
        String moderator = edit.backupModeratorId() == null ? account.backupModeratorId() : edit.backupModeratorId();
        if (!owner.equals(account.contentOwnerId()) || !moderator.equals(account.backupModeratorId())) {
            Holders holders = holders(owner, moderator);
            Map<String, String> replaced = account.replaceHolders(holders.contentOwnerId(),
                    holders.backupModeratorId(), caller.auditName(), now);
            audit.record(AuditAction.ACCOUNT_REASSIGN, AccountAccess.target(account), Outcome.ALLOWED, reason,
                    replaced);
            holdersAssigned.fire(HoldersAssigned.of(account.id(), account.contentOwnerId(),
                    account.backupModeratorId()));
        }
        return account;
    }

    /**
     * The revision to apply, once it has what it needs beyond managing the account: a free handle and ownership of
     * both departments.
     */
    private AccountRevision permitted(OfficialAccount account, AccountRevision revision, String reason) {
        if (revision.changesHandleOf(account)) {
            requireUnique(OfficialAccount.identityKey(account.platform(), account.platformName(), revision.handle()),
                    account.id());
        }
        if (revision.movesDepartmentOf(account)) {
            if (!caller.has(Role.DGIT_ADMIN) && !caller.ownsDepartment(revision.departmentId())) {
                throw audit.refuse(AuditAction.ACCOUNT_UPDATE, AccountAccess.target(account), reason,
                        "not an owner of the target department", new ProblemException(ProblemType.FORBIDDEN,
                                "You may only move accounts between departments you own"));
            }
            return revision.withDepartmentId(existingDepartment(revision.departmentId()));
        }
        return revision;
    }

    /** Records that a new version of the account's credential set replaced the one before it, and what it holds. */
    public void credentialsRotated(AccountRef account, RotatedCredentials rotated) {
        OfficialAccount rotatedAccount = em.find(OfficialAccount.class, account.id());
        rotatedAccount.credentialsRotated(rotated, rotationSettings.intervalFor(rotatedAccount.platform()),
                caller.auditName(), Instant.now());
    }

    /**
     * Records a credential version a disaster-recovery restore stored, as it was made at {@code rotatedAt} (the
     * account's status and last change stay as exported).
     */
    public void credentialsRestored(AccountRef account, RotatedCredentials restored, Instant rotatedAt) {
        OfficialAccount restoredAccount = em.find(OfficialAccount.class, account.id());
        restoredAccount.credentialsRestored(restored, rotationSettings.intervalFor(restoredAccount.platform()),
                rotatedAt);
    }

    /**
     * One page of the accounts the caller may see, in {@code sort}, after {@code cursor} (null: from the start). A
     * rotation filter compares with the database's clock.
     */
    public List<OfficialAccount> list(AccountFilter filter, AccountSort sort, AccountCursor cursor, int limit) {
        access.requireRole(Capability.READ, AuditAction.ACCOUNT_READ, null, null);
        AccountQuery query = AccountQuery.visibleTo(caller)
                .inDepartment(filter.departmentId())
                .where("a.platform = :platform", "platform", filter.platform())
                .where("a.standing.status = :status", "status", filter.status())
                .where("a.contentOwnerId = :owner", "owner", filter.ownerId())
                .where("a.backupModeratorId = :moderator", "moderator", filter.moderatorId())
                .heldBy(filter.holderId());
        if (filter.rotation() == AccountFilter.Rotation.DUE) {
            query.append(" AND a.rotation.requiredSince IS NOT NULL");
        }
        query.where("a.rotation.requiredBy < :now", "now",
                filter.rotation() == AccountFilter.Rotation.OVERDUE ? Instant.now() : null);
        if (filter.backup() == AccountFilter.Backup.MISSING) {
            Set<String> gone = people.inactiveAmong(em.createQuery(
                    "SELECT DISTINCT a.backupModeratorId FROM OfficialAccount a", String.class).getResultList());
            if (gone.isEmpty()) {
                return List.of();
            }
            query.where("a.backupModeratorId IN :gone", "gone", gone);
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            query.append(" AND (a.handle LIKE :text ESCAPE '!' OR a.displayName LIKE :text ESCAPE '!'"
                    + " OR a.platformName LIKE :text ESCAPE '!')")
                    .parameter("text", "%" + filter.text().strip().replaceAll("[!%_]", "!$0") + "%");
        }
        if (cursor != null) {
            after(query, sort, cursor);
        }
        return query.append(sort.orderBy()).create(em, limit).getResultList();
    }

    /**
     * Keyset paging: the accounts after the cursor's value and id in the sort's order. Accounts without a value (no
     * rotation due date) come after every value; enumerations compare only for equality in JPQL, so the values after
     * the cursor's are listed.
     */
    private static void after(AccountQuery query, AccountSort sort, AccountCursor cursor) {
        String path = sort.field().path();
        String after = sort.after();
        query.parameter("afterId", cursor.id());
        if (cursor.value() == null) {
            query.append(" AND (").append(path).append(" IS NULL AND a.id ").append(after).append(" :afterId)");
            return;
        }
        Object value = sort.field().parameter(cursor.value());
        query.parameter("afterValue", value);
        query.append(" AND ((").append(path).append(" = :afterValue AND a.id ").append(after).append(" :afterId)");
        Optional<List<?>> enumeration = sort.field().enumeration();
        if (enumeration.isPresent()) {
            int ahead = sort.direction() == AccountSort.Direction.ASCENDING ? 1 : -1;
            List<?> later = enumeration.get().stream()
                    .filter(constant -> ((Enum<?>) constant).name().compareTo(cursor.value()) * ahead > 0).toList();
            if (!later.isEmpty()) {
                query.append(" OR ").append(path).append(" IN :laterValues");
                query.parameter("laterValues", later);
            }
        } else {
            query.append(" OR ").append(path).append(" ").append(after).append(" :afterValue");
        }
        if (sort.field().nullable()) {
            query.append(" OR ").append(path).append(" IS NULL");
        }
        query.append(")");
    }

    /** The two holders, as the database spells their ids. */
    private record Holders(String contentOwnerId, String backupModeratorId) {
    }

    /** Two different, active people: policy section I wants a content owner and a separate backup moderator. */
    private Holders holders(String contentOwnerId, String backupModeratorId) {
        List<Problem.FieldError> errors = new ArrayList<>();
        PersonDetails owner = holder("contentOwnerId", contentOwnerId, errors);
        PersonDetails moderator = holder("backupModeratorId", backupModeratorId, errors);
        if (errors.isEmpty() && owner.id().equals(moderator.id())) {
            errors.add(new Problem.FieldError("backupModeratorId",
                    "must be a different person from the content owner"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "The account needs a content owner and a different"
                    + " backup moderator, both active", errors);
        }
        return new Holders(owner.id(), moderator.id());
    }

    /** The department's id as the database spells it; 422 when there is none. */
    private String existingDepartment(String departmentId) {
        return departments.id(departmentId)
                .orElseThrow(() -> unprocessable("departmentId", "no such department"));
    }

    private PersonDetails holder(String field, String personId, List<Problem.FieldError> errors) {
        PersonDetails person = people.find(personId).orElse(null);
        if (person == null) {
            errors.add(new Problem.FieldError(field, "no such person"));
        } else if (!person.active()) {
            errors.add(new Problem.FieldError(field, "this person is offboarded"));
        }
        return person;
    }

    private void requireUnique(String identityKey, String exceptId) {
        boolean taken = em.createNamedQuery(OfficialAccount.BY_IDENTITY, OfficialAccount.class)
                .setParameter("key", identityKey).getResultStream().anyMatch(a -> !a.id().equals(exceptId));
        if (taken) {
            throw new ProblemException(ProblemType.CONFLICT, "This account is already registered",
                    List.of(new Problem.FieldError("handle", "already registered on this platform")));
        }
    }

    private static ProblemException unprocessable(String field, String message) {
        return new ProblemException(ProblemType.UNPROCESSABLE, "The field " + field + " breaks a rule of the registry",
                List.of(new Problem.FieldError(field, message)));
    }
}
