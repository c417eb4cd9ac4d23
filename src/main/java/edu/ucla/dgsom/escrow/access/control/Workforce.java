package edu.ucla.dgsom.escrow.access.control;

import edu.ucla.dgsom.escrow.access.entity.Department;
import edu.ucla.dgsom.escrow.access.entity.Person;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/**
 * What other features may ask about people and departments, whoever the caller is: whether one exists, and as what
 * id the database spells it (ids compare without regard to case).
 */
@Stateless
public class Workforce {

    /** A person as other features see them. */
    public record Member(String id, boolean active) {
    }

    @PersistenceContext
    EntityManager em;

    public Optional<Member> member(String personId) {
        return Optional.ofNullable(em.find(Person.class, personId)).map(p -> new Member(p.id(), p.active()));
    }

    public Optional<String> departmentId(String departmentId) {
        return Optional.ofNullable(em.find(Department.class, departmentId)).map(Department::id);
    }
}
