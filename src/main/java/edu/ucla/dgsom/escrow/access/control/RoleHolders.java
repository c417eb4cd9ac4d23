package edu.ucla.dgsom.escrow.access.control;

import edu.ucla.dgsom.escrow.access.entity.RoleGrant;
import edu.ucla.dgsom.escrow.security.Role;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** Who holds a role, longest-standing first: for rules that choose or tell people by their role. */
@Stateless
public class RoleHolders {

    @PersistenceContext
    EntityManager em;

    /** DGIT's admins other than {@code personId}, whether active or not. */
    public List<String> dgitAdminsOtherThan(String personId) {
        return em.createNamedQuery(RoleGrant.HOLDERS_OTHER_THAN, String.class).setParameter("role", Role.DGIT_ADMIN)
                .setParameter("person", personId).getResultStream().distinct().toList();
    }

    /** Who holds the department-scoped {@code role} for {@code departmentId}, e.g. its supervisors. */
    public List<String> forDepartment(Role role, String departmentId) {
        return em.createNamedQuery(RoleGrant.HOLDERS_FOR_DEPARTMENT, String.class).setParameter("role", role)
                .setParameter("department", departmentId).getResultList();
    }

    /** The owners of each department named (other than {@code personId}); a department without any is left out. */
    public Map<String, List<String>> departmentOwnersOtherThan(Collection<String> departmentIds, String personId) {
        Map<String, List<String>> owners = new LinkedHashMap<>();
        if (departmentIds.isEmpty()) {
            return owners;
        }
        for (RoleGrant grant : em.createNamedQuery(RoleGrant.OWNERS_OTHER_THAN, RoleGrant.class)
                .setParameter("departments", departmentIds).setParameter("person", personId).getResultList()) {
            owners.computeIfAbsent(grant.departmentId(), d -> new ArrayList<>()).add(grant.personId());
        }
        return owners;
    }

    /** The departments with an active owner who has MFA enrolled: an owner who can reveal their credentials. */
    public Set<String> departmentsOwnedByAPersonWithMfa() {
        return Set.copyOf(scopesHeldWithMfa(Role.DEPARTMENT_OWNER));
    }

    /** Whether an active DGIT admin has MFA enrolled: someone at DGIT who can reveal every account's credentials. */
    public boolean aDgitAdminWithMfa() {
        return !scopesHeldWithMfa(Role.DGIT_ADMIN).isEmpty();
    }

    /** Those of these departments where no active person holds {@code role}, e.g. no supervisor. */
    public SortedSet<String> withoutActiveHolder(Role role, Collection<String> departmentIds) {
        SortedSet<String> without = new TreeSet<>(departmentIds);
        if (!departmentIds.isEmpty()) {
            without.removeAll(em.createNamedQuery(RoleGrant.SCOPES_HELD_ACTIVELY, String.class)
                    .setParameter("role", role).setParameter("departments", departmentIds).getResultList());
        }
        return without;
    }

    private List<String> scopesHeldWithMfa(Role role) {
        return em.createNamedQuery(RoleGrant.SCOPES_HELD_WITH_MFA, String.class).setParameter("role", role)
                .getResultList();
    }
}
