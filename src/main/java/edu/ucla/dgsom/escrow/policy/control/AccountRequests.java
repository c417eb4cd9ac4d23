package edu.ucla.dgsom.escrow.policy.control;

import edu.ucla.dgsom.escrow.access.control.Departments;
import edu.ucla.dgsom.escrow.access.control.People;
import edu.ucla.dgsom.escrow.access.control.PersonDetails;
import edu.ucla.dgsom.escrow.accounts.control.AccountId;
import edu.ucla.dgsom.escrow.accounts.control.RequestedAccount;
import edu.ucla.dgsom.escrow.accounts.control.RequestedAccounts;
import edu.ucla.dgsom.escrow.audit.control.AuditAction;
import edu.ucla.dgsom.escrow.audit.control.AuditTrail;
import edu.ucla.dgsom.escrow.audit.control.Outcome;
import edu.ucla.dgsom.escrow.policy.control.NewAccountRequest.PersonReference;
import edu.ucla.dgsom.escrow.policy.entity.AccountRequest;
import edu.ucla.dgsom.escrow.problems.Problem;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import edu.ucla.dgsom.escrow.security.Caller;
import edu.ucla.dgsom.escrow.security.Role;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Requests for official accounts and their decision (policy I.1-2). A person of the department, one of its owners or
 * a DGIT admin requests; a supervisor of the department decides. DGIT admins and auditors read every request, the
 * department's supervisors and owners theirs, the requester and the holders it names their own. Every step is audited
 * and told by mail.
 */
@Stateless
public class AccountRequests {

    @PersistenceContext
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    People people;

    @Inject
    Departments departments;

    @Inject
    RequestedAccounts requestedAccounts;

    @Inject
    RequestMail mail;

    public AccountRequest request(NewAccountRequest asked) {
        RequestedAccount account = asked.accountId() == null ? newAccount(asked)
                : requestedAccounts.approvable(new AccountId(asked.accountId()));
        AuditTrail.Target target = new AuditTrail.Target("account-request", null, account.departmentId());
        if (!mayRequestFor(account.departmentId())) {
            throw audit.refuse(AuditAction.ACCOUNT_REQUEST, target, null, "not of the department",
                    new ProblemException(ProblemType.FORBIDDEN, "Only people of the department, its owners and DGIT"
                            + " admins request its accounts"));
        }
        if (!em.createNamedQuery(AccountRequest.PENDING_FOR, String.class).setParameter("key", account.identityKey())
                .getResultList().isEmpty()) {
            throw new ProblemException(ProblemType.CONFLICT, "A request for this account is pending already");
        }
        String contentOwner = holder(account.departmentId(), asked.contentOwner());
        String backupModerator = holder(account.departmentId(), asked.backupModerator());
        if (contentOwner.equals(backupModerator)) {
            throw unprocessable("backupModerator", "must be another person than the content owner");
        }
        AccountRequest request = new AccountRequest(new AccountRequest.Proposal(account.accountId(),
                account.departmentId(), account.platform(), account.platformName(), account.handle(),
                account.identityKey(), account.profileUrl(), account.displayName(), asked.purpose(), contentOwner,
                backupModerator, asked.contentOwnerFte()), caller.id(), Instant.now());
        em.persist(request);
        audit.record(AuditAction.ACCOUNT_REQUEST, target(request), Outcome.ALLOWED, null, Map.of("kind",
                request.kind().name(), "handle", request.handle(), "contentOwner", request.contentOwnerId(),
                "backupModerator", request.backupModeratorId(), "contentOwnerFte", request.contentOwnerFte().toString()));
        mail.requested(request);
        return request;
    }

    /** Approves the request; a new account is registered APPROVED, an existing one gains its approval. */
    public AccountRequest approve(String id, AccountRequest.Decision decision) {
        AccountRequest request = toDecide(id, AuditAction.ACCOUNT_REQUEST_APPROVE, decision.comment());
        audit.attempt(AuditAction.ACCOUNT_REQUEST_APPROVE, target(request), decision.comment(), () -> {
            request.approve(caller.id(), decision, Instant.now());
            return request;
        });
        RequestedAccount account = new RequestedAccount(request.accountId(), request.platform(),
                request.platformName(), request.handle(), request.profileUrl(), request.displayName(),
                request.departmentId(), request.contentOwnerId(), request.backupModeratorId(), request.identityKey());
        if (request.kind() == AccountRequest.Kind.NEW_ACCOUNT) {
            request.registered(requestedAccounts.registerApproved(account, request.id(), decision.comment()));
        } else {
            requestedAccounts.approveExisting(account, request.id(), decision.comment());
        }
        audit.record(AuditAction.ACCOUNT_REQUEST_APPROVE, target(request), Outcome.ALLOWED, decision.comment(),
                Map.of("account", request.accountId(), "contentOwnerFte", request.contentOwnerFte().toString(),
                        "lowFteAcknowledged", Boolean.toString(request.lowFteAcknowledged())));
        mail.decided(request);
        return request;
    }

    public AccountRequest reject(String id, AccountRequest.Decision decision) {
        AccountRequest request = toDecide(id, AuditAction.ACCOUNT_REQUEST_REJECT, decision.comment());
        audit.attempt(AuditAction.ACCOUNT_REQUEST_REJECT, target(request), decision.comment(), () -> {
            request.reject(caller.id(), decision, Instant.now());
            return request;
        });
        audit.record(AuditAction.ACCOUNT_REQUEST_REJECT, target(request), Outcome.ALLOWED, decision.comment(),
                Map.of());
        mail.decided(request);
        return request;
    }

    public AccountRequest withdraw(String id) {
        AccountRequest request = locked(id, AuditAction.ACCOUNT_REQUEST_WITHDRAW, null);
        audit.attempt(AuditAction.ACCOUNT_REQUEST_WITHDRAW, target(request), null, () -> {
            request.withdraw(caller.id(), Instant.now());
            return request;
        });
        audit.record(AuditAction.ACCOUNT_REQUEST_WITHDRAW, target(request), Outcome.ALLOWED, null, Map.of());
        return request;
    }

    /** The request, if the caller may read it. */
    /** Since when each registered account's pending request for its approval waits, by account id. */
    public Map<String, Instant> pendingSince() {
        return em.createNamedQuery(AccountRequest.PENDING_FOR_ACCOUNTS, AccountRequest.class).getResultStream()
                .collect(Collectors.toMap(AccountRequest::accountId, AccountRequest::requestedAt, (a, b) -> a));
    }

    public AccountRequest find(String id) {
        AccountRequest request = em.find(AccountRequest.class, id);
        if (request == null || !visible(request)) {
            throw ProblemException.notFound("Account request " + id);
        }
        return request;
    }

    /** The requests the caller may read, pending ones first, oldest first. */
    public List<AccountRequest> list(RequestFilter filter, int limit) {
        StringBuilder jpql = new StringBuilder("SELECT r FROM AccountRequest r WHERE 1 = 1");
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (!caller.has(Role.DGIT_ADMIN) && !caller.has(Role.AUDITOR)) {
            jpql.append(" AND (r.requestedBy = :me OR r.contentOwnerId = :me OR r.backupModeratorId = :me"
                    + " OR r.departmentId IN :departments)");
            parameters.put("me", caller.isPerson() ? caller.id() : "");
            List<String> departmentIds = new ArrayList<>(caller.ownedDepartments());
            departmentIds.addAll(caller.supervisedDepartments());
            departmentIds.add("");
            parameters.put("departments", departmentIds);
        }
        if (filter.departmentId() != null) {
            jpql.append(" AND r.departmentId = :department");
            parameters.put("department", filter.departmentId());
        }
        if (filter.state() != null) {
            jpql.append(" AND r.state = :state");
            parameters.put("state", filter.state());
        }
        if (filter.mine() == RequestFilter.Mine.ONLY) {
            jpql.append(" AND r.requestedBy = :requester");
            parameters.put("requester", caller.isPerson() ? caller.id() : "");
        }
        jpql.append(" ORDER BY r.requestedAt, r.id");
        TypedQuery<AccountRequest> query = em.createQuery(jpql.toString(), AccountRequest.class);
        parameters.forEach(query::setParameter);
        return query.setMaxResults(limit).getResultList();
    }

    /** A request locked for a decision, which only a supervisor of its department takes. */
    private AccountRequest toDecide(String id, AuditAction action, String comment) {
        AccountRequest request = locked(id, action, comment);
        if (!caller.supervises(request.departmentId())) {
            throw audit.refuse(action, target(request), comment, "not a supervisor of the department",
                    new ProblemException(ProblemType.FORBIDDEN, "Only a supervisor of the department decides its"
                            + " account requests (policy I.1)"));
        }
        return request;
    }

    private AccountRequest locked(String id, AuditAction action, String reason) {
        AccountRequest request = em.find(AccountRequest.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (request == null || !visible(request)) {
            throw audit.refuse(action, AuditTrail.Target.of("account-request", id), reason, "not visible to the"
                    + " caller", ProblemException.notFound("Account request " + id));
        }
        return request;
    }

    private boolean visible(AccountRequest request) {
        return caller.has(Role.DGIT_ADMIN) || caller.has(Role.AUDITOR) || caller.supervises(request.departmentId())
                || caller.ownsDepartment(request.departmentId()) || caller.isPerson() && request.concerns(caller.id());
    }

    private boolean mayRequestFor(String departmentId) {
        return caller.has(Role.DGIT_ADMIN) || caller.ownsDepartment(departmentId) || caller.supervises(departmentId)
                || people.find(caller.id()).filter(me -> me.departmentId().equals(departmentId)).isPresent();
    }

    private RequestedAccount newAccount(NewAccountRequest asked) {
        return requestedAccounts.unregistered(asked.platform(), asked.platformName(), asked.handle(),
                asked.profileUrl(), asked.displayName(), departments.existing(asked.departmentId()));
    }

    /** The holder a request names, who must be an active person of the account's department. */
    private String holder(String departmentId, PersonReference named) {
        List<PersonDetails> found = named.id() != null ? people.find(named.id()).stream().toList()
                : people.withEmailIn(departmentId, named.email());
        List<PersonDetails> eligible = found.stream()
                .filter(person -> person.active() && person.departmentId().equals(departmentId)).toList();
        if (eligible.size() != 1) {
            throw unprocessable(named.field(), "not an active person of the account's department");
        }
        return eligible.get(0).id();
    }

    private static ProblemException unprocessable(String field, String message) {
        return new ProblemException(ProblemType.UNPROCESSABLE, "The field " + field + " breaks a rule of the policy",
                List.of(new Problem.FieldError(field, message)));
    }

    private static AuditTrail.Target target(AccountRequest request) {
        return new AuditTrail.Target("account-request", request.id(), request.departmentId());
    }
}
