package edu.ucla.dgsom.escrow.accounts.control;

import edu.ucla.dgsom.escrow.access.entity.Department;
import edu.ucla.dgsom.escrow.access.entity.Person;
import edu.ucla.dgsom.escrow.accounts.boundary.AccountChange;
import edu.ucla.dgsom.escrow.accounts.boundary.AccountRequest;
import edu.ucla.dgsom.escrow.accounts.control.AccountAccess.Capability;
import edu.ucla.dgsom.escrow.accounts.entity.AccountStatus;
import edu.ucla.dgsom.escrow.accounts.entity.OfficialAccount;
import edu.ucla.dgsom.escrow.accounts.entity.Platform;
import edu.ucla.dgsom.escrow.audit.control.AuditAction;
import edu.ucla.dgsom.escrow.audit.control.AuditTrail;
import edu.ucla.dgsom.escrow.audit.control.Outcome;
import edu.ucla.dgsom.escrow.problems.Problem;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import edu.ucla.dgsom.escrow.security.Caller;
import edu.ucla.dgsom.escrow.security.Role;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

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

    public OfficialAccount create(AccountRequest request) {
        Platform platform = platform(request.platform());
        String platformName = platformName(platform, request.platformName());
        String handle = text("handle", request.handle());
        String displayName = text("displayName", request.displayName());
        String profileUrl = profileUrl(request.profileUrl());
        AccountStatus status = request.status() == null ? AccountStatus.REQUESTED : status(request.status());
        String reason = AccountAccess.clip(request.reason());
        AuditTrail.Target target = new AuditTrail.Target("account", null, request.departmentId().strip());
        if (!caller.has(Role.DGIT_ADMIN) && !caller.ownsDepartment(request.departmentId().strip())) {
            throw access.refuse(AuditAction.ACCOUNT_CREATE, target, reason, "not an owner of the department",
                    new ProblemException(ProblemType.FORBIDDEN,
                            "Only DGIT admins and the department's owners may register its accounts"));
        }
        Department department = em.find(Department.class, request.departmentId().strip());
        if (department == null) {
            throw unprocessable("departmentId", "no such department");
        }
        if (status != AccountStatus.REQUESTED && !caller.has(Role.DGIT_ADMIN)) {
            throw access.refuse(AuditAction.ACCOUNT_CREATE, target, reason, "status set by a non-DGIT caller",
                    new ProblemException(ProblemType.FORBIDDEN, "Only DGIT admins set the status; new accounts"
                            + " start REQUESTED", List.of(new Problem.FieldError("status", "DGIT admins only"))));
        }
        Holders holders = holders(request.contentOwnerId().strip(), request.backupModeratorId().strip());
        requireUnique(OfficialAccount.identityKey(platform, platformName, handle), null);
        Instant now = Instant.now();
        OfficialAccount account = new OfficialAccount(platform, platformName, handle, profileUrl, displayName,
                department.id(), status, holders.contentOwnerId(), holders.backupModeratorId(),
                optional(request.notes()), caller.auditName(), now);
        em.persist(account);
        audit.record(AuditAction.ACCOUNT_CREATE, AccountAccess.target(account), Outcome.ALLOWED, reason, Map.of(
                "platform", platform.name(), "handle", handle, "status", status.name(),
                "contentOwner", account.contentOwnerId(), "backupModerator", account.backupModeratorId()));
        return account;
    }

    /** The account if the caller may see it. */
    public OfficialAccount account(String id) {
        return access.require(id, Capability.READ, AuditAction.ACCOUNT_READ, null, false);
    }

    /** Applies the fields present in {@code change}; reassignment of the holders is audited on its own. */
    public OfficialAccount update(String id, AccountChange change) {
        String reason = AccountAccess.clip(change.reason());
        OfficialAccount account = access.require(id, Capability.MANAGE, AuditAction.ACCOUNT_UPDATE, reason, true);
        Map<String, String> changed = new TreeMap<>();
        if (change.handle() != null || change.displayName() != null || change.profileUrl() != null) {
            String handle = change.handle() == null ? account.handle() : text("handle", change.handle());
            String displayName = change.displayName() == null ? account.displayName()
                    : text("displayName", change.displayName());
            String profileUrl = change.profileUrl() == null ? account.profileUrl() : profileUrl(change.profileUrl());
            if (!handle.equals(account.handle())) {
                requireUnique(OfficialAccount.identityKey(account.platform(), account.platformName(), handle),
                        account.id());
                changed.put("handle", handle);
            }
            if (!displayName.equals(account.displayName())) {
                changed.put("displayName", displayName);
            }
            if (!Objects.equals(profileUrl, account.profileUrl())) {
                changed.put("profileUrl", profileUrl == null ? "" : profileUrl);
            }
            account.rename(handle, displayName, profileUrl);
        }
        if (change.notes() != null && !Objects.equals(optional(change.notes()), account.notes())) {
            account.annotate(optional(change.notes()));
            changed.put("notes", "changed");
        }
        if (change.status() != null) {
            AccountStatus status = status(change.status());
            if (status != account.status()) {
                if (!caller.has(Role.DGIT_ADMIN)) {
                    throw access.refuse(AuditAction.ACCOUNT_UPDATE, AccountAccess.target(account), reason,
                            "status changed by a non-DGIT caller", new ProblemException(ProblemType.FORBIDDEN,
                                    "Only DGIT admins change the status", List.of(new Problem.FieldError("status",
                                    "DGIT admins only"))));
                }
                changed.put("status", account.status() + "->" + status);
                account.changeStatus(status);
            }
        }
        if (change.departmentId() != null && !change.departmentId().strip().equals(account.departmentId())) {
            if (!caller.has(Role.DGIT_ADMIN) && !caller.ownsDepartment(change.departmentId().strip())) {
                throw access.refuse(AuditAction.ACCOUNT_UPDATE, AccountAccess.target(account), reason,
                        "not an owner of the target department", new ProblemException(ProblemType.FORBIDDEN,
                                "You may only move accounts between departments you own"));
            }
            Department department = em.find(Department.class, change.departmentId().strip());
            if (department == null) {
                throw unprocessable("departmentId", "no such department");
            }
            changed.put("department", account.departmentId() + "->" + department.id());
            account.moveTo(department.id());
        }
        Instant now = Instant.now();
        if (!changed.isEmpty()) {
            account.touch(caller.auditName(), now);
            audit.record(AuditAction.ACCOUNT_UPDATE, AccountAccess.target(account), Outcome.ALLOWED, reason, changed);
        }
        String owner = change.contentOwnerId() == null ? account.contentOwnerId() : change.contentOwnerId().strip();
        String moderator = change.backupModeratorId() == null ? account.backupModeratorId()
                : change.backupModeratorId().strip();
        if (!owner.equals(account.contentOwnerId()) || !moderator.equals(account.backupModeratorId())) {
            Holders holders = holders(owner, moderator);
            Map<String, String> details = new LinkedHashMap<>();
            details.put("contentOwner", account.contentOwnerId() + "->" + holders.contentOwnerId());
            details.put("backupModerator", account.backupModeratorId() + "->" + holders.backupModeratorId());
            account.assign(holders.contentOwnerId(), holders.backupModeratorId());
            account.touch(caller.auditName(), now);
            audit.record(AuditAction.ACCOUNT_REASSIGN, AccountAccess.target(account), Outcome.ALLOWED, reason,
                    details);
        }
        return account;
    }

    /** One page of the accounts the caller may see, by display name, after the account {@code after}. */
    public List<OfficialAccount> list(AccountFilter filter, String after, int limit) {
        access.requireRole(Capability.READ, AuditAction.ACCOUNT_READ, null, null);
        StringBuilder jpql = new StringBuilder("SELECT a FROM OfficialAccount a WHERE 1 = 1");
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (!caller.has(Role.DGIT_ADMIN) && !caller.has(Role.AUDITOR)) {
            jpql.append(" AND (a.contentOwnerId = :me OR a.backupModeratorId = :me");
            parameters.put("me", caller.isPerson() ? caller.id() : "");
            if (!caller.ownedDepartments().isEmpty()) {
                jpql.append(" OR a.departmentId IN :owned");
                parameters.put("owned", caller.ownedDepartments());
            }
            jpql.append(')');
        }
        condition(jpql, parameters, "a.departmentId = :department", "department", filter.departmentId());
        condition(jpql, parameters, "a.platform = :platform", "platform", filter.platform());
        condition(jpql, parameters, "a.status = :status", "status", filter.status());
        condition(jpql, parameters, "a.contentOwnerId = :owner", "owner", filter.ownerId());
        condition(jpql, parameters, "a.backupModeratorId = :moderator", "moderator", filter.moderatorId());
        if (filter.text() != null && !filter.text().isBlank()) {
            jpql.append(" AND (a.handle LIKE :text ESCAPE '!' OR a.displayName LIKE :text ESCAPE '!'"
                    + " OR a.platformName LIKE :text ESCAPE '!')");
            parameters.put("text", "%" + filter.text().strip().replaceAll("[!%_]", "!$0") + "%");
        }
        if (after != null) {
            OfficialAccount last = em.find(OfficialAccount.class, after);
            if (last == null || !access.visible(last)) {
                throw new ProblemException(ProblemType.VALIDATION_FAILED, "Unknown cursor",
                        List.of(new Problem.FieldError("after", "not an account id from a previous page")));
            }
            jpql.append(" AND (a.displayName > :afterName OR (a.displayName = :afterName AND a.id > :afterId))");
            parameters.put("afterName", last.displayName());
            parameters.put("afterId", last.id());
        }
        jpql.append(" ORDER BY a.displayName, a.id");
        TypedQuery<OfficialAccount> query = em.createQuery(jpql.toString(), OfficialAccount.class);
        parameters.forEach(query::setParameter);
        return query.setMaxResults(limit).getResultList();
    }

    private static void condition(StringBuilder jpql, Map<String, Object> parameters, String clause, String name,
            Object value) {
        if (value != null) {
            jpql.append(" AND ").append(clause);
            parameters.put(name, value);
        }
    }

    /** The two holders, as the database spells their ids. */
    private record Holders(String contentOwnerId, String backupModeratorId) {
    }

    /** Two different, active people: policy section I wants a content owner and a separate backup moderator. */
    private Holders holders(String contentOwnerId, String backupModeratorId) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Person owner = holder("contentOwnerId", contentOwnerId, errors);
        Person moderator = holder("backupModeratorId", backupModeratorId, errors);
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

    private Person holder(String field, String personId, List<Problem.FieldError> errors) {
        Person person = em.find(Person.class, personId);
        if (person == null) {
            errors.add(new Problem.FieldError(field, "no such person"));
        } else if (!person.active()) {
            errors.add(new Problem.FieldError(field, "this person is offboarded"));
        }
        return person;
    }

    private void requireUnique(String identityKey, String exceptId) {
        boolean taken = em.createQuery("SELECT a.id FROM OfficialAccount a WHERE a.identityKey = :key", String.class)
                .setParameter("key", identityKey).getResultStream().anyMatch(id -> !id.equals(exceptId));
        if (taken) {
            throw new ProblemException(ProblemType.CONFLICT, "This account is already registered",
                    List.of(new Problem.FieldError("handle", "already registered on this platform")));
        }
    }

    public static Platform platform(String value) {
        try {
            return Platform.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("platform", "one of " + java.util.Arrays.toString(Platform.values()));
        }
    }

    public static AccountStatus status(String value) {
        try {
            return AccountStatus.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("status",
                    "one of " + java.util.Arrays.toString(AccountStatus.values()));
        }
    }

    private static String platformName(Platform platform, String name) {
        boolean given = name != null && !name.isBlank();
        if (platform == Platform.OTHER && !given) {
            throw ProblemException.invalidField("platformName", "required when the platform is OTHER");
        }
        if (platform != Platform.OTHER && given) {
            throw ProblemException.invalidField("platformName", "only for the platform OTHER");
        }
        return given ? text("platformName", name) : null;
    }

    /** Trimmed single-line text without control characters. */
    private static String text(String field, String value) {
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            throw ProblemException.invalidField(field, "must not be blank");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.invalidField(field, "must not contain control characters");
        }
        return trimmed;
    }

    /** An absolute http(s) URL with a host and no user information; empty means none. */
    private static String profileUrl(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(value.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                throw ProblemException.invalidField("profileUrl", "an absolute http or https URL");
            }
            if (uri.getRawUserInfo() != null) {
                throw ProblemException.invalidField("profileUrl", "must not contain user information");
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            throw ProblemException.invalidField("profileUrl", "an absolute http or https URL");
        }
    }

    private static String optional(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }


    private static ProblemException unprocessable(String field, String message) {
        return new ProblemException(ProblemType.UNPROCESSABLE, "The field " + field + " breaks a rule of the registry",
                List.of(new Problem.FieldError(field, message)));
    }
}
