package edu.ucla.dgsom.escrow.access.control;

import edu.ucla.dgsom.escrow.access.entity.Department;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Locale;
import java.util.Optional;

/** Departments for other features' own rules, not scoped to the caller (Directory answers callers). */
@Stateless
public class Departments {

    @PersistenceContext
    EntityManager em;

    public boolean exists(String departmentId) {
        return id(departmentId).isPresent();
    }

    /** The department's id as the database spells it (ids compare without regard to case), if there is one. */
    public Optional<String> id(String departmentId) {
        return Optional.ofNullable(em.find(Department.class, departmentId)).map(Department::id);
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
