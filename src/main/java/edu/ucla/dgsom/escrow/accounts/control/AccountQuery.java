package edu.ucla.dgsom.escrow.accounts.control;

import edu.ucla.dgsom.escrow.accounts.entity.AccountStatus;
import edu.ucla.dgsom.escrow.accounts.entity.OfficialAccount;
import edu.ucla.dgsom.escrow.security.Caller;
import edu.ucla.dgsom.escrow.security.Role;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A query over the accounts a caller may see, built a condition at a time: DGIT admins and auditors see every
 * account, a department owner their departments' and a holder the accounts they hold (as {@link AccountAccess}
 * decides one account at a time).
 */
final class AccountQuery {

    private final StringBuilder jpql = new StringBuilder("SELECT a FROM OfficialAccount a WHERE 1 = 1");
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    /** The accounts {@code caller} may see. */
    static AccountQuery visibleTo(Caller caller) {
        AccountQuery query = new AccountQuery();
        if (!caller.has(Role.DGIT_ADMIN) && !caller.has(Role.AUDITOR)) {
            query.jpql.append(" AND (a.contentOwnerId = :me OR a.backupModeratorId = :me");
            query.parameters.put("me", caller.isPerson() ? caller.id() : "");
            if (!caller.ownedDepartments().isEmpty()) {
                query.jpql.append(" OR a.departmentId IN :owned");
                query.parameters.put("owned", caller.ownedDepartments());
            }
            // A retired account is DGIT's and the auditors' alone (docs/accounts.md).
            query.jpql.append(") AND a.standing.status <> :retired");
            query.parameters.put("retired", AccountStatus.RETIRED);
        }
        return query;
    }

    /** Adds {@code AND clause} with its parameter, unless {@code value} is null (the filter is not set). */
    AccountQuery where(String clause, String name, Object value) {
        if (value != null) {
            append(" AND " + clause);
            parameter(name, value);
        }
        return this;
    }

    /** The accounts of {@code departmentId}; any department when null. */
    AccountQuery inDepartment(String departmentId) {
        return where("a.departmentId = :department", "department", departmentId);
    }

    /** The accounts {@code personId} holds, as content owner or backup moderator; anyone's when null. */
    AccountQuery heldBy(String personId) {
        return where("(a.contentOwnerId = :holder OR a.backupModeratorId = :holder)", "holder", personId);
    }

    AccountQuery append(String text) {
        jpql.append(text);
        return this;
    }

    AccountQuery parameter(String name, Object value) {
        parameters.put(name, value);
        return this;
    }

    /** At most {@code limit} accounts. */
    TypedQuery<OfficialAccount> create(EntityManager em, int limit) {
        TypedQuery<OfficialAccount> query = em.createQuery(jpql.toString(), OfficialAccount.class);
        parameters.forEach(query::setParameter);
        return query.setMaxResults(limit);
    }
}
