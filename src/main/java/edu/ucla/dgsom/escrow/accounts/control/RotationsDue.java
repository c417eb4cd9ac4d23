package edu.ucla.dgsom.escrow.accounts.control;

import edu.ucla.dgsom.escrow.accounts.control.AccountAccess.Capability;
import edu.ucla.dgsom.escrow.accounts.entity.AccountStatus;
import edu.ucla.dgsom.escrow.accounts.entity.OfficialAccount;
import edu.ucla.dgsom.escrow.audit.control.AuditAction;
import edu.ucla.dgsom.escrow.security.Caller;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * Which credentials are due for rotation: the accounts the caller may see (as the account list scopes them) whose
 * scheduled date or flag falls before a time, overdue ones included, earliest first. Retired accounts are left out.
 */
@Stateless
public class RotationsDue {

    @PersistenceContext
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    AccountAccess access;

    /** At most {@code limit} accounts due by {@code until}, by due date then id; null filters mean any. */
    public List<OfficialAccount> dueBy(Instant until, String departmentId, String holderId, int limit) {
        access.requireRole(Capability.READ, AuditAction.ACCOUNT_READ, null, null);
        return AccountQuery.visibleTo(caller).inDepartment(departmentId).heldBy(holderId)
                .append(" AND a.standing.status <> :retired AND (a.rotation.nextDueAt <= :until"
                        + " OR a.rotation.requiredBy <= :until)").parameter("retired", AccountStatus.RETIRED)
                .parameter("until", until)
                .append(" ORDER BY FUNCTION('LEAST', COALESCE(a.rotation.requiredBy, a.rotation.nextDueAt),"
                        + " COALESCE(a.rotation.nextDueAt, a.rotation.requiredBy)), a.id")
                .create(em, limit).getResultList();
    }
}
