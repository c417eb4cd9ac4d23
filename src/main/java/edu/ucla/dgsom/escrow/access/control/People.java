package edu.ucla.dgsom.escrow.access.control;

import edu.ucla.dgsom.escrow.access.entity.Person;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * People for other features' own rules (offboarding, SCIM), not scoped to the caller: those features decide who may
 * ask. Row locks taken here are held until the caller's transaction ends.
 */
@Stateless
public class People {

    @PersistenceContext
    EntityManager em;

    /** Everyone, active or not, by name: the disaster-recovery export. */
    public List<PersonDetails> everyone() {
        return em.createNamedQuery(Person.ALL, Person.class).getResultStream().map(PersonDetails::of).toList();
    }

    /**
     * The people of a disaster-recovery export, in this installation: each matched by id, then by employee id, or else
     * created under the export's id, in the department {@code departments} maps theirs to, without a sign-in or a
     * role; answers the installation's id of each export id. A department not in {@code departments}, or a user name
     * another person has, is refused (422, named by {@code where} and the person's index).
     */
    public RestoredIds restore(List<PersonDetails> exported, RestoredIds departments, String where) {
        Map<String, String> ids = new HashMap<>();
        int created = 0;
        Instant now = Instant.now();
        for (int i = 0; i < exported.size(); i++) {
            PersonDetails p = exported.get(i);
            Optional<String> matched = Optional.ofNullable(em.find(Person.class, p.id())).map(Person::id)
                    .or(() -> byEmployeeId(p.employeeId()).map(PersonDetails::id));
            if (matched.isEmpty()) {
                String field = where + "[" + i + "]";
                String departmentId = departments.of(p.departmentId()).orElseThrow(() -> RestoredIds.inconsistent(
                        field + ".departmentId", "no such department in the file"));
                if (p.userName() != null && em.createNamedQuery(Person.BY_USER_NAME, Person.class)
                        .setParameter("userName", p.userName()).getResultStream().findAny().isPresent()) {
                    throw RestoredIds.inconsistent(field + ".userName", "another person has this user name");
                }
                em.persist(Person.restored(p.id(), p.employeeId(), p.name(), p.givenName(), p.familyName(), p.email(),
                        departmentId, p.userName(), p.active(), now));
                created++;
            }
            ids.put(p.id(), matched.orElse(p.id()));
        }
        em.flush();
        return new RestoredIds(ids, created);
    }

    public Optional<PersonDetails> find(String id) {
        return Optional.ofNullable(em.find(Person.class, id)).map(PersonDetails::of);
    }

    public Optional<PersonDetails> byEmployeeId(String employeeId) {
        return em.createNamedQuery(Person.BY_EMPLOYEE_ID, Person.class).setParameter("employeeId", employeeId)
                .getResultStream().findFirst().map(PersonDetails::of);
    }

    /** The people of {@code departmentId} with this e-mail address, in any case. */
    public List<PersonDetails> withEmailIn(String departmentId, String email) {
        return em.createNamedQuery(Person.BY_EMAIL_IN, Person.class)
                .setParameter("email", email.strip().toLowerCase(Locale.ROOT)).setParameter("department", departmentId)
                .getResultStream().map(PersonDetails::of).toList();
    }

    /** Everyone with this e-mail address, in any case, in every department. */
    public List<PersonDetails> withEmail(String email) {
        return em.createNamedQuery(Person.BY_EMAIL, Person.class)
                .setParameter("email", email.strip().toLowerCase(Locale.ROOT)).getResultStream()
                .map(PersonDetails::of).toList();
    }

    /** Locks the person's row and reads them again under the lock. */
    public PersonDetails lock(String id) {
        Person person = em.find(Person.class, id);
        em.refresh(person, LockModeType.PESSIMISTIC_WRITE);
        return PersonDetails.of(person);
    }

    /**
     * Locks the rows of these people in id order (so that two transactions locking overlapping sets cannot deadlock)
     * and answers those who are active.
     */
    public Set<String> lockActive(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return em.createNamedQuery(Person.BY_IDS, Person.class).setParameter("ids", ids)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream().filter(Person::active)
                .map(Person::id).collect(Collectors.toSet());
    }

    /** The active ones of these people, in the order given, each once: whom a notification may reach. */
    public List<PersonDetails> activeAmong(Collection<String> ids) {
        return ids.stream().distinct().map(this::find).flatMap(Optional::stream).filter(PersonDetails::active)
                .toList();
    }

    /** Those of these people who are no longer active (offboarded), without locking anything. */
    public Set<String> inactiveAmong(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return em.createNamedQuery(Person.BY_IDS, Person.class).setParameter("ids", ids).getResultStream()
                .filter(person -> !person.active()).map(Person::id).collect(Collectors.toSet());
    }
}
