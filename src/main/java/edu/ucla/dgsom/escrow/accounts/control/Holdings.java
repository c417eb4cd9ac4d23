package edu.ucla.dgsom.escrow.accounts.control;

import edu.ucla.dgsom.escrow.accounts.entity.OfficialAccount;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What an offboarding asks of the registry, in the offboarding's transaction and without a caller's entitlement
 * (the hand-over runs for the school, not for a person): the accounts a leaver holds, their new holders, and which
 * credentials must be rotated.
 */
@Stateless
public class Holdings {

    @PersistenceContext
    EntityManager em;

    @Inject
    Event<HoldersAssigned> holdersAssigned;

    /** The accounts {@code personId} holds, locked until the transaction ends. */
    public List<AccountRef> lockHeldBy(String personId) {
        return em.createNamedQuery(OfficialAccount.HELD_BY, OfficialAccount.class).setParameter("person", personId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream().map(AccountRef::of).toList();
    }

    /** Every account with stored credentials. */
    public List<AccountRef> withCredentials() {
        return em.createNamedQuery(OfficialAccount.WITH_CREDENTIALS, OfficialAccount.class).getResultStream()
                .map(AccountRef::of).toList();
    }

    /** The accounts with stored credentials in {@code departmentIds}. */
    public List<AccountRef> withCredentialsIn(Collection<String> departmentIds) {
        return departmentIds.isEmpty() ? List.of() : em.createNamedQuery(OfficialAccount.WITH_CREDENTIALS_IN,
                OfficialAccount.class).setParameter("departments", departmentIds).getResultStream()
                .map(AccountRef::of).toList();
    }

    public Optional<AccountRef> find(String accountId) {
        return Optional.ofNullable(em.find(OfficialAccount.class, accountId)).map(AccountRef::of);
    }

    /** Names new holders on each account of {@code assigned}, e.g. all of a leaver's at once. */
    public void replaceHolders(HoldersAssigned assigned, String by, Instant now) {
        for (HoldersAssigned.Assignment holders : assigned.assignments()) {
            em.find(OfficialAccount.class, holders.accountId()).replaceHolders(holders.contentOwnerId(),
                    holders.backupModeratorId(), by, now);
        }
        holdersAssigned.fire(assigned);
    }

    public void requireRotation(String accountId, Instant now, Instant due) {
        em.find(OfficialAccount.class, accountId).requireRotation(now, due);
    }

    /** How a mail names the account: its display name, platform and handle. */
    public String describe(String accountId) {
        OfficialAccount account = em.find(OfficialAccount.class, accountId);
        return account == null ? accountId : account.displayName() + " (" + account.platform() + " "
                + account.handle() + ")";
    }
}
