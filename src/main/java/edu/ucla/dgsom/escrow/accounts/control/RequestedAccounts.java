package edu.ucla.dgsom.escrow.accounts.control;

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
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The registry's side of account requests (policy I.1-2), for the policy feature: which account a request names, and
 * what its approval does to the registry. The decision itself is the policy feature's.
 */
@Stateless
public class RequestedAccounts {

    @PersistenceContext
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    AccountAccess access;

    @Inject
    AuditTrail audit;

    @Inject
    Event<HoldersAssigned> holdersAssigned;

    /** A new account to request: refused if the registry has it already (ask for its approval instead). */
    public RequestedAccount unregistered(Platform platform, String platformName, String handle, String profileUrl,
            String displayName, String departmentId) {
        String identityKey = OfficialAccount.identityKey(platform, platformName, handle);
        em.createNamedQuery(OfficialAccount.BY_IDENTITY, OfficialAccount.class).setParameter("key", identityKey)
                .getResultStream().findFirst().ifPresent(existing -> {
                    throw new ProblemException(ProblemType.CONFLICT, "This account is registered already"
                            + (access.visible(existing) ? " as " + existing.id() + "; request its approval with"
                            + " accountId" : ""), List.of(new Problem.FieldError("handle", "already registered")));
                });
        return new RequestedAccount(null, platform, platformName, handle, profileUrl, displayName, departmentId,
                null, null, identityKey);
    }

    /** A registered account whose approval after the fact is asked for, if the caller may see it and it lacks one. */
    public RequestedAccount approvable(AccountId id) {
        OfficialAccount account = access.account(id, Capability.READ, AuditAction.ACCOUNT_REQUEST, null);
        audit.attempt(AuditAction.ACCOUNT_REQUEST, AccountAccess.target(account), null, () -> {
            account.requireApprovable();
            return account;
        });
        return describe(account);
    }

    /**
     * Registers the account an approved request asked for: APPROVED, with the request's holders, until its first
     * escrow. Answers its id.
     */
    public String registerApproved(RequestedAccount requested, String requestId, String reason) {
        Instant now = Instant.now();
        OfficialAccount account = new OfficialAccount(requested.platform(), requested.platformName(),
                requested.handle(), requested.profileUrl(), requested.displayName(), requested.departmentId(),
                AccountStatus.REQUESTED, requested.contentOwnerId(), requested.backupModeratorId(), null,
                caller.auditName(), now);
        account.approve(requestId, caller.auditName(), now);
        em.persist(account);
        em.flush(); // the request names the account next: the row must exist for its foreign key
        holdersAssigned.fire(HoldersAssigned.of(account.id(), account.contentOwnerId(), account.backupModeratorId()));
        audit.record(AuditAction.ACCOUNT_CREATE, AccountAccess.target(account), Outcome.ALLOWED, reason, Map.of(
                "platform", account.platform().name(), "handle", account.handle(), "status", account.status().name(),
                "contentOwner", account.contentOwnerId(), "backupModerator", account.backupModeratorId(),
                "approvalRequest", requestId));
        return account.id();
    }

    /** Records the approval after the fact of a registered account, and makes the request's holders its holders. */
    public void approveExisting(RequestedAccount requested, String requestId, String reason) {
        OfficialAccount account = em.find(OfficialAccount.class, requested.accountId(),
                LockModeType.PESSIMISTIC_WRITE);
        Instant now = Instant.now();
        Map<String, String> changed = audit.attempt(AuditAction.ACCOUNT_REQUEST_APPROVE,
                AccountAccess.target(account), reason, () -> account.approve(requestId, caller.auditName(), now));
        audit.record(AuditAction.ACCOUNT_UPDATE, AccountAccess.target(account), Outcome.ALLOWED, reason, changed);
        Map<String, String> replaced = account.replaceHolders(requested.contentOwnerId(),
                requested.backupModeratorId(), caller.auditName(), now);
        if (!replaced.isEmpty()) {
            audit.record(AuditAction.ACCOUNT_REASSIGN, AccountAccess.target(account), Outcome.ALLOWED, reason,
                    replaced);
            holdersAssigned.fire(HoldersAssigned.of(account.id(), account.contentOwnerId(),
                    account.backupModeratorId()));
        }
    }

    /** The account's status now, for a request's view; empty if it is gone. */
    public AccountStatus statusOf(String accountId) {
        OfficialAccount account = em.find(OfficialAccount.class, accountId);
        return account == null ? null : account.status();
    }

    private static RequestedAccount describe(OfficialAccount account) {
        return new RequestedAccount(account.id(), account.platform(), account.platformName(), account.handle(),
                account.profileUrl(), account.displayName(), account.departmentId(), account.contentOwnerId(),
                account.backupModeratorId(), OfficialAccount.identityKey(account.platform(), account.platformName(),
                account.handle()));
    }
}
