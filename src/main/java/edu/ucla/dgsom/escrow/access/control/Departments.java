package edu.ucla.dgsom.escrow.access.control;

import edu.ucla.dgsom.escrow.access.entity.Department;
import edu.ucla.dgsom.escrow.problems.Problem;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import edu.ucla.dgsom.escrow.security.Role;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Departments for other features' own rules, not scoped to the caller (Directory answers callers). */
@Stateless
public class Departments {

    @PersistenceContext
    EntityManager em;

    /** Every department, by code: the disaster-recovery export. */
    public List<DepartmentDetails> all() {
        return em.createNamedQuery(Department.ALL, Department.class).getResultStream()
                .map(d -> new DepartmentDetails(d.id(), d.code(), d.name(), d.createdAt())).toList();
    }

    /**
     * The departments of a disaster-recovery export, in this installation: each matched by its code, or else created
     * under the export's id; answers the installation's id of each export id. An id taken by a department of
     * another code is refused (422, named by {@code where} and the department's index).
     */
    public RestoredIds restore(List<DepartmentDetails> exported, String where) {
        Map<String, String> ids = new HashMap<>();
        int created = 0;
        for (int i = 0; i < exported.size(); i++) {
            DepartmentDetails d = exported.get(i);
            Optional<String> matched = withCode(d.code());
            if (matched.isEmpty()) {
                if (em.find(Department.class, d.id()) != null) {
                    throw RestoredIds.inconsistent(where + "[" + i + "].id", "another department has this id");
                }
                em.persist(Department.restored(d.id(), d.code(), d.name(), d.createdAt()));
                created++;
            }
            ids.put(d.id(), matched.orElse(d.id()));
        }
        em.flush();
        return new RestoredIds(ids, created);
    }

    public boolean exists(String departmentId) {
        return id(departmentId).isPresent();
    }

    /** The department's id as the database spells it (ids compare without regard to case), if there is one. */
    public Optional<String> id(String departmentId) {
        return Optional.ofNullable(em.find(Department.class, departmentId)).map(Department::id);
    }

    /** The department's id as the database spells it; an unknown one is refused on the request's departmentId. */
    public String existing(String departmentId) {
        return id(departmentId).orElseThrow(() -> new ProblemException(ProblemType.VALIDATION_FAILED,
                "No such department", List.of(new Problem.FieldError("departmentId", "no such department"))));
    }

    /**
     * The department a grant or a token of {@code role} is held for: DEPARTMENT_OWNER and SUPERVISOR name an
     * existing one, the other roles none (null); anything else is refused on the request's departmentId.
     */
    public String scopeOf(Role role, String departmentId) {
        if (role.heldForADepartment() != (departmentId != null)) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "DEPARTMENT_OWNER and SUPERVISOR need a"
                    + " department; the other roles take none", List.of(new Problem.FieldError("departmentId",
                    role.heldForADepartment() ? "required for " + role : "only for DEPARTMENT_OWNER and SUPERVISOR")));
        }
        return departmentId == null ? null : existing(departmentId);
    }

    /** The department's code, or empty if there is no such department. */
    public Optional<String> code(String departmentId) {
        return Optional.ofNullable(em.find(Department.class, departmentId)).map(Department::code);
    }

    /** The id of the department with {@code code}, in any case. */
    public Optional<String> withCode(String code) {
        return em.createNamedQuery(Department.BY_CODE, Department.class)
                .setParameter("code", code.strip().toUpperCase(Locale.ROOT)).getResultStream().findFirst()
                .map(Department::id);
    }
}
