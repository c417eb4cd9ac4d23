package edu.ucla.dgsom.escrow.accounts.control;

import edu.ucla.dgsom.escrow.access.control.Identities;
import edu.ucla.dgsom.escrow.accounts.entity.AccountStatus;
import edu.ucla.dgsom.escrow.accounts.entity.OfficialAccount;
import edu.ucla.dgsom.escrow.audit.control.AuditAction;
import edu.ucla.dgsom.escrow.audit.control.AuditTrail;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import edu.ucla.dgsom.escrow.security.Caller;
import edu.ucla.dgsom.escrow.security.Role;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

/**
 * Who may do what with an official account (docs/access.md). DGIT admins may do everything on every account; a
 * department owner everything on their departments' accounts; the content owner and the backup moderator may read,
 * reveal the current credentials, get TOTP codes and rotate; auditors read metadata only; a DGIT token acts as a
 * DGIT admin and a department owner's token as the owner of its one department, other tokens nothing, and no token
 * sees a secret. Whoever sees a secret is a person with MFA enrolled. A SUSPENDED account's secrets and changes are
 * DGIT admins' alone (policy II); a RETIRED account is seen only by DGIT admins and auditors. An account the
 * caller may not see is "not found"; a refusal that does not depend on the account (an auditor asking for a secret)
 * is "forbidden". Every refusal is in the audit trail, with the caller's reason.
 */
@Stateless
public class AccountAccess {

    /** What a caller wants to do with an account. */
    public enum Capability {
        READ(false, false),
        READ_HISTORY(false, false),
        REVEAL_CURRENT(true, true),
        REVEAL_HISTORY(true, true),
        ROTATE(true, false),
        MANAGE(false, false),
        /** Suspend, reinstate, retire, log content actions: DGIT admins only (policy II). */
        GOVERN(false, false);

        private final boolean secret;
        /** Shows a stored secret (or a code made from one): only a person with MFA. */
        private final boolean shows;

        Capability(boolean secret, boolean shows) {
            this.secret = secret;
            this.shows = shows;
        }
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    Identities identities;

    /** The account, if the caller may do {@code capability} with it; otherwise the refusal is audited and thrown. */
    public AccountRef require(AccountId id, Capability capability, AuditAction action, String reason) {
        return AccountRef.of(account(id, capability, action, reason));
    }

    /**
     * Like {@link #require}, and the account's row stays locked until the transaction ends, the caller's rights
     * checked again under the lock, as the database has them then: a revocation or reassignment that committed
     * first wins.
     */
    public AccountRef requireForUpdate(AccountId id, Capability capability, AuditAction action, String reason) {
        return AccountRef.of(accountForUpdate(id, capability, action, reason));
    }

    /** The entity behind {@link #require}, for the accounts feature itself. */
    public OfficialAccount account(AccountId id, Capability capability, AuditAction action, String reason) {
        OfficialAccount account = em.find(OfficialAccount.class, id.value());
        check(id, account, capability, action, clip(reason));
        return account;
    }

    /** The entity behind {@link #requireForUpdate}, for the accounts feature itself. */
    public OfficialAccount accountForUpdate(AccountId id, Capability capability, AuditAction action,
            String statedReason) {
        String reason = clip(statedReason);
        OfficialAccount account = account(id, capability, action, reason);
        // Locked only once the caller is known to be entitled; then re-read and re-checked under the lock.
        em.refresh(account, LockModeType.PESSIMISTIC_WRITE);
        caller.reaffirm(identities.current(caller).orElseThrow(() -> audit.refuse(action, target(account), reason,
                "session or token ended", new ProblemException(ProblemType.UNAUTHENTICATED,
                        "Your session or token ended; sign in again"))));
        check(id, account, capability, action, reason);
        return account;
    }

    private void check(AccountId id, OfficialAccount account, Capability capability, AuditAction action,
            String reason) {
        requireRole(capability, action, AuditTrail.Target.of("account", id.value()), reason);
        if (account == null || !visible(account)) {
            throw audit.refuse(action, AuditTrail.Target.of("account", id.value()), reason,
                    "not visible to the caller", ProblemException.notFound("Account " + id.value()));
        }
        if (account.status() == AccountStatus.SUSPENDED && capability != Capability.READ
                && capability != Capability.READ_HISTORY && !caller.has(Role.DGIT_ADMIN)) {
            throw audit.refuse(action, target(account), reason, "account suspended",
                    new ProblemException(ProblemType.FORBIDDEN, "The account is suspended: only DGIT admins may"
                            + " reveal, rotate or change it until it is reinstated"));
        }
        if (!permits(account, capability)) {
            throw audit.refuse(action, target(account), reason, "not a steward of the account",
                    new ProblemException(ProblemType.FORBIDDEN, capability == Capability.REVEAL_HISTORY
                            ? "Only DGIT admins and the department's owners may reveal earlier versions"
                            : "Only DGIT admins and the department's owners may do this"));
        }
    }

    /**
     * Refusals that do not depend on any account: auditors and systems' tokens never see a secret, and whoever may
     * see one must be a person with MFA enrolled (a DGIT token too is refused: it has no second factor).
     */
    public void requireRole(Capability capability, AuditAction action, AuditTrail.Target target, String reason) {
        boolean steward = caller.has(Role.DGIT_ADMIN) || caller.has(Role.DEPARTMENT_OWNER);
        boolean allowed = capability.secret
                ? steward || (caller.isPerson() && !caller.has(Role.AUDITOR))
                : steward || caller.has(Role.AUDITOR) || caller.isPerson();
        if (!allowed) {
            throw audit.refuse(action, target, reason, "role not allowed", new ProblemException(ProblemType.FORBIDDEN,
                    capability.secret ? "Your role does not allow access to credentials"
                            : "Your role does not allow access to official accounts"));
        }
        if (capability.shows && !caller.isPersonWithMfa()) {
            throw audit.refuse(action, target, reason, caller.isPerson() ? "MFA not enrolled" : "not a person",
                    ProblemException.personWithMfaRequired());
        }
    }

    /** Whether the account exists and the caller may see it, asked by a filter: nothing is audited, nothing refused. */
    public boolean visible(AccountId id) {
        OfficialAccount account = em.find(OfficialAccount.class, id.value());
        return account != null && visible(account);
    }

    /** Whether the caller may see the account at all. */
    public boolean visible(OfficialAccount account) {
        if (caller.has(Role.DGIT_ADMIN) || caller.has(Role.AUDITOR)) {
            return true;
        }
        return account.status() != AccountStatus.RETIRED
                && (caller.ownsDepartment(account.departmentId()) || heldByCaller(account));
    }

    private boolean permits(OfficialAccount account, Capability capability) {
        if (capability == Capability.GOVERN) {
            return caller.has(Role.DGIT_ADMIN);
        }
        boolean steward = caller.has(Role.DGIT_ADMIN) || caller.ownsDepartment(account.departmentId());
        if (steward) {
            return true;
        }
        return switch (capability) {
            case READ -> true;
            case READ_HISTORY -> caller.has(Role.AUDITOR);
            case REVEAL_CURRENT, ROTATE -> heldByCaller(account) && !caller.has(Role.AUDITOR);
            case REVEAL_HISTORY, MANAGE, GOVERN -> false;
        };
    }

    private boolean heldByCaller(OfficialAccount account) {
        return caller.isPerson() && account.heldBy(caller.id());
    }

    public static AuditTrail.Target target(OfficialAccount account) {
        return AccountRef.of(account).target();
    }

    /** The stated reason as the audit trail keeps it: trimmed and at most 500 characters. */
    public static String clip(String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        String trimmed = reason.strip();
        return trimmed.length() > 500 ? trimmed.substring(0, 500) : trimmed;
    }
}
