package edu.ucla.dgsom.escrow.accounts.control;

import edu.ucla.dgsom.escrow.accounts.entity.AccountStanding;
import edu.ucla.dgsom.escrow.accounts.entity.AccountStatus;
import edu.ucla.dgsom.escrow.accounts.entity.OfficialAccount;
import edu.ucla.dgsom.escrow.accounts.entity.Platform;
import edu.ucla.dgsom.escrow.problems.Problem;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import edu.ucla.dgsom.escrow.security.Caller;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * The whole registry, for the disaster-recovery export and restore (exports feature), which decides who may read or
 * restore it: every account, retired ones too, by id.
 */
@Stateless
public class Registry {

    @PersistenceContext
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    Event<HoldersAssigned> holdersAssigned;

    public List<RegisteredAccount> everyAccount() {
        return em.createNamedQuery(OfficialAccount.ALL, OfficialAccount.class).getResultStream()
                .map(RegisteredAccount::of).toList();
    }

    /** Whether no official account is registered yet: the only installation a restore goes into. */
    public boolean isEmpty() {
        return em.createQuery("SELECT COUNT(a) FROM OfficialAccount a", Long.class).getSingleResult() == 0;
    }

    /**
     * Registers an account of a disaster-recovery export under its own id, with its metadata, holders, status and
     * times as exported ({@code account}'s department and holders already this installation's ids), before its
     * credential versions ({@code Credentials.restore}). What the export lacks starts as a fresh registration's:
     * the holders' duties, no rotation interval of its own, no approval request. {@code where} names the account in
     * a refusal (e.g. {@code accounts[3]}).
     */
    public AccountRef restore(RegisteredAccount account, String where) {
        Platform platform = AccountFields.named(where + ".platform", account.platform(), Platform.class);
        AccountStatus status = AccountFields.named(where + ".status", account.status(), AccountStatus.class);
        if (status == AccountStatus.APPROVED && (account.approvedAt() == null || account.hasCredentials())) {
            throw inconsistent(where + ".status", "APPROVED takes an approval and no credentials");
        }
        OfficialAccount restored;
        try {
            restored = OfficialAccount.restored(account.id(), platform, account.platformName(), account.handle(),
                    account.profileUrl(), account.displayName(), account.departmentId(), AccountStanding.restored(
                            status, account.statusReason(), account.statusChangedAt(), account.approvedAt(),
                            account.hasCredentials()), account.contentOwnerId(), account.backupModeratorId(),
                    account.notes(), account.createdAt(), account.updatedAt(), caller.auditName());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw inconsistent(where, "not a registrable account (" + e.getMessage() + ")");
        }
        if (em.find(OfficialAccount.class, account.id()) != null) {
            throw inconsistent(where + ".id", "another account has this id");
        }
        if (em.createNamedQuery(OfficialAccount.BY_IDENTITY, OfficialAccount.class)
                .setParameter("key", OfficialAccount.identityKey(platform, account.platformName(), account.handle()))
                .getResultStream().findAny().isPresent()) {
            throw inconsistent(where + ".handle", "another account has this platform and handle");
        }
        em.persist(restored);
        em.flush();
        if (status != AccountStatus.RETIRED) { // a retired account's holders have no duty left
            holdersAssigned.fire(HoldersAssigned.of(restored.id(), restored.contentOwnerId(),
                    restored.backupModeratorId()));
        }
        return AccountRef.of(restored);
    }

    private static ProblemException inconsistent(String field, String message) {
        return new ProblemException(ProblemType.UNPROCESSABLE, "The disaster-recovery file breaks a rule of the"
                + " registry at " + field + ": " + message, List.of(new Problem.FieldError(field, message)));
    }
}
