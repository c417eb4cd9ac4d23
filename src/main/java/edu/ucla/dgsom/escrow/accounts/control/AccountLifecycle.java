package edu.ucla.dgsom.escrow.accounts.control;

import edu.ucla.dgsom.escrow.accounts.control.AccountAccess.Capability;
import edu.ucla.dgsom.escrow.accounts.entity.ContentAction;
import edu.ucla.dgsom.escrow.accounts.entity.OfficialAccount;
import edu.ucla.dgsom.escrow.audit.control.AuditAction;
import edu.ucla.dgsom.escrow.audit.control.AuditTrail;
import edu.ucla.dgsom.escrow.audit.control.Outcome;
import edu.ucla.dgsom.escrow.security.Caller;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * DGIT's hold on an official account (policy II): suspension, reinstatement, retirement, and the content actions DGIT
 * takes on the platform. Each is audited and told to the account's holders and department owners by mail.
 */
@Stateless
public class AccountLifecycle {

    /** Whether a suspension also flags every credential for rotation now. */
    public enum Rotation { REQUIRE_NOW, KEEP }

    @PersistenceContext
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    AccountAccess access;

    @Inject
    AuditTrail audit;

    @Inject
    AccountMail mail;

    @Inject
    Event<AccountRetired> retired;

    public OfficialAccount suspend(AccountId id, String reason, Rotation rotation) {
        OfficialAccount account = access.accountForUpdate(id, Capability.GOVERN, AuditAction.ACCOUNT_SUSPEND, reason);
        Instant now = Instant.now();
        Map<String, String> changed = new TreeMap<>(audit.attempt(AuditAction.ACCOUNT_SUSPEND,
                AccountAccess.target(account), reason, () -> account.suspend(reason, caller.auditName(), now)));
        if (rotation == Rotation.REQUIRE_NOW && account.hasCredentials()) {
            account.requireRotation(now, now);
            changed.put("rotation", "required now");
        }
        audit.record(AuditAction.ACCOUNT_SUSPEND, AccountAccess.target(account), Outcome.ALLOWED, reason, changed);
        mail.statusChanged(account, "suspended", "Only DGIT admins may reveal, rotate or change its credentials"
                + (changed.containsKey("rotation") ? "; they must be rotated now." : "."));
        return account;
    }

    public OfficialAccount reinstate(AccountId id, String reason) {
        OfficialAccount account = access.accountForUpdate(id, Capability.GOVERN, AuditAction.ACCOUNT_REINSTATE,
                reason);
        Map<String, String> changed = audit.attempt(AuditAction.ACCOUNT_REINSTATE, AccountAccess.target(account),
                reason, () -> account.reinstate(reason, caller.auditName(), Instant.now()));
        audit.record(AuditAction.ACCOUNT_REINSTATE, AccountAccess.target(account), Outcome.ALLOWED, reason, changed);
        mail.statusChanged(account, "reinstated", "Its holders and department owners have their access back.");
        return account;
    }

    public OfficialAccount retire(AccountId id, String reason) {
        OfficialAccount account = access.accountForUpdate(id, Capability.GOVERN, AuditAction.ACCOUNT_RETIRE, reason);
        Map<String, String> changed = audit.attempt(AuditAction.ACCOUNT_RETIRE, AccountAccess.target(account),
                reason, () -> account.retire(reason, caller.auditName(), Instant.now()));
        audit.record(AuditAction.ACCOUNT_RETIRE, AccountAccess.target(account), Outcome.ALLOWED, reason, changed);
        retired.fire(new AccountRetired(account.id()));
        mail.statusChanged(account, "retired", "Access to it has ended for everyone but DGIT; its history is kept.");
        return account;
    }

    /** Logs what DGIT did on the platform, e.g. "Removed the post of 2 Dec with a patient's photo". */
    public ContentAction recordContentAction(AccountId id, String description, Instant takenAt) {
        OfficialAccount account = access.accountForUpdate(id, Capability.GOVERN, AuditAction.ACCOUNT_CONTENT_ACTION,
                null);
        ContentAction action = new ContentAction(account.id(), description, takenAt, caller.auditName(),
                Instant.now());
        em.persist(action);
        audit.record(AuditAction.ACCOUNT_CONTENT_ACTION, AccountAccess.target(account), Outcome.ALLOWED, null,
                Map.of("contentAction", action.id(), "takenAt", action.takenAt().toString()));
        return action;
    }

    /** The content actions on the account, newest first, for whoever may read it. */
    public List<ContentAction> contentActions(AccountId id) {
        OfficialAccount account = access.account(id, Capability.READ, AuditAction.ACCOUNT_READ, null);
        return em.createNamedQuery(ContentAction.OF_ACCOUNT, ContentAction.class)
                .setParameter("account", account.id()).getResultList();
    }
}
