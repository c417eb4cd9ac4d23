package edu.ucla.dgsom.escrow.access.control;

import edu.ucla.dgsom.escrow.access.entity.Person;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * People as an identity system provisions them (SCIM): a person it deleted stays for the audit trail but is no
 * longer its to see. The caller checks its input and audits its changes; creating a person is audited here.
 */
@Stateless
public class ProvisionedPeople {

    /** The attribute a search matches on; a person without a userName matches theirs by e-mail. */
    public enum Key { USER_NAME, EMPLOYEE_ID, ID }

    /** Names and e-mail as the identity system has them; {@code userName} is its key for the person. */
    public record Description(String name, String givenName, String familyName, String email, String userName) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Directory directory;

    @Inject
    SignInErasure signIns;

    public PersonDetails visible(String id) {
        return PersonDetails.of(visiblePerson(id));
    }

    /** The visible people whose {@code key} is {@code value} (every visible person for a null key), oldest first. */
    public List<PersonDetails> matching(Key key, String value, int first, int max) {
        String jpql = "SELECT p FROM Person p WHERE p.scimDeletedAt IS NULL" + (key == null ? "" : switch (key) {
            case USER_NAME -> " AND (p.userName = :value OR (p.userName IS NULL AND p.email = :value))";
            case EMPLOYEE_ID -> " AND p.employeeId = :value";
            case ID -> " AND p.id = :value";
        });
        var query = em.createQuery(jpql + " ORDER BY p.createdAt, p.id", Person.class);
        if (key != null) {
            query.setParameter("value", value);
        }
        return query.setFirstResult(first).setMaxResults(max).getResultStream().map(PersonDetails::of).toList();
    }

    public long countVisible() {
        return em.createQuery("SELECT COUNT(p) FROM Person p WHERE p.scimDeletedAt IS NULL", Long.class)
                .getSingleResult();
    }

    /** Whoever has this userName, deleted or not: a userName stays taken. */
    public Optional<String> withUserName(String userName) {
        return em.createNamedQuery(Person.BY_USER_NAME, Person.class).setParameter("userName", userName)
                .getResultStream().findFirst().map(Person::id);
    }

    /** A new person (audited as created), described as the identity system has them, modified after created. */
    public PersonDetails create(String employeeId, String departmentId, Description description) {
        Person person = directory.createPerson(employeeId, description.name(), description.email(), departmentId,
                null, null);
        person.describe(person.name(), description.givenName(), description.familyName(), person.email(),
                description.userName(), Instant.now());
        return PersonDetails.of(person);
    }

    /** Locks a visible person's row (held until the caller's transaction ends) and reads them under the lock. */
    public PersonDetails lock(String id) {
        Person person = visiblePerson(id);
        em.lock(person, LockModeType.PESSIMISTIC_WRITE);
        return PersonDetails.of(person);
    }

    public PersonDetails describe(String id, Description description, Instant now) {
        Person person = visiblePerson(id);
        person.describe(description.name(), description.givenName(), description.familyName(), description.email(),
                description.userName(), now);
        return PersonDetails.of(person);
    }

    /**
     * Active again, with neither the old sign-in (offboarding destroyed it; this also removes one left from before
     * that rule) nor any old role: a DGIT admin sets up a new sign-in.
     */
    public PersonDetails reactivate(String id, Instant now) {
        Person person = visiblePerson(id);
        person.reactivate(now);
        signIns.erase(person.id());
        return PersonDetails.of(person);
    }

    /** The identity system deleted the person: the record stays for the audit trail, it no longer sees them. */
    public void delete(String id, Instant now) {
        visiblePerson(id).scimDeleted(now);
    }

    private Person visiblePerson(String id) {
        return Optional.ofNullable(em.find(Person.class, id)).filter(Person::scimVisible)
                .orElseThrow(() -> ProblemException.notFound("User " + id));
    }
}
