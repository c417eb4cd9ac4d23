package edu.ucla.dgsom.escrow.access.control;

import edu.ucla.dgsom.escrow.access.entity.AdminGuard;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * The last-DGIT-admin rule, checked when a removal executes (role revoke, offboarding request and execution, SCIM
 * deactivation and deletion all come here), under the one guard row's lock, held until the removal commits. Every
 * removal but one is refused when it breaks the rule; the execution of an accepted offboarding is not, since a person
 * who has left keeps no access, and reports the break instead.
 */
@Stateless
public class Administrators {

    /** Every DGIT admin with their status and MFA state, read as committed (a scalar query: no stale entities). */
    private static final String ADMINS = "SELECT g.person_id, p.status, s.mfa_state FROM role_grant g"
            + " JOIN person p ON p.id = g.person_id LEFT JOIN sign_in s ON s.person_id = g.person_id"
            + " WHERE g.role = 'DGIT_ADMIN'";

    @PersistenceContext
    EntityManager em;

    /**
     * Locks the guard and refuses (409) if {@code personId} is an active DGIT admin whose removal would leave DGIT
     * without an active admin, or without an active admin with MFA. Call it before the removal, in its transaction.
     */
    public void requireAnotherAfterRemovalOf(String personId) {
        if (!admitRemovalOf(personId)) {
            throw new ProblemException(ProblemType.CONFLICT, "DGIT must keep an active admin with MFA: name and"
                    + " enrol another admin first");
        }
    }

    /**
     * For a removal that happens whatever the rule says (a person who has left keeps no access): locks the guard
     * like {@link #requireAnotherAfterRemovalOf} and tells whether DGIT still keeps an active admin, with MFA if the
     * leaver had it, afterwards. The caller must make a false answer loud.
     */
    public boolean keepsAnAdminAfterDepartureOf(String personId) {
        boolean kept = admitRemovalOf(personId);
        if (!kept) {
            em.find(AdminGuard.class, AdminGuard.ID).removalAdmitted();
        }
        return kept;
    }

    /** Whether the rule allows the removal, under the guard's lock; counts it on the guard if it does. */
    private boolean admitRemovalOf(String personId) {
        AdminGuard guard = em.find(AdminGuard.class, AdminGuard.ID, LockModeType.PESSIMISTIC_WRITE);
        // The pool reads committed data, so everything read after the lock includes every earlier removal.
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(ADMINS).getResultList();
        List<AdminGuard.Admin> admins = rows.stream().map(r -> new AdminGuard.Admin((String) r[0],
                "ACTIVE".equals(r[1]), "ENROLLED".equals(r[2]))).toList();
        if (!AdminGuard.allowsRemoval(personId, admins)) {
            return false;
        }
        if (admins.stream().anyMatch(a -> a.personId().equals(personId))) {
            guard.removalAdmitted();
        }
        return true;
    }
}
