package edu.ucla.dgsom.escrow.accounts.control;

import edu.ucla.dgsom.escrow.accounts.entity.AccountFacts;
import edu.ucla.dgsom.escrow.accounts.entity.AccountStatus;
import edu.ucla.dgsom.escrow.accounts.entity.OfficialAccount;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.List;

/**
 * What the compliance report (policy feature) reads of the registry, without a caller's entitlement: the report
 * decides who may read it. Every account but the retired ones, by id.
 */
@Stateless
public class ComplianceFacts {

    @PersistenceContext
    EntityManager em;

    @Inject
    RecoveryRules recoveryRules;

    /** The accounts of {@code departmentId}, or of every department when it is null. */
    public List<AccountFacts> of(String departmentId) {
        TypedQuery<OfficialAccount> query = departmentId == null
                ? em.createNamedQuery(OfficialAccount.REPORTED, OfficialAccount.class)
                : em.createNamedQuery(OfficialAccount.REPORTED_IN, OfficialAccount.class)
                        .setParameter("department", departmentId);
        return query.setParameter("retired", AccountStatus.RETIRED).getResultStream()
                .map(account -> account.facts(rotationDue(account))).toList();
    }

    /** The departments with an account that is not retired: those that attest to their report. */
    public List<String> departmentsWithAccounts() {
        return em.createNamedQuery(OfficialAccount.REPORTED_DEPARTMENTS, String.class)
                .setParameter("retired", AccountStatus.RETIRED).getResultList();
    }

    /** The digest of the recovery-contact rules in force: facts stored under another are unknown. */
    public String recoveryRulesDigest() {
        return recoveryRules.current().digest();
    }

    /**
     * When the account's credentials are due for rotation: the one place the report learns it (today the flag an
     * offboarding or a suspension raises; the rotation schedule's due date replaces it here).
     */
    private static Instant rotationDue(OfficialAccount account) {
        return account.rotationDueAt();
    }
}
