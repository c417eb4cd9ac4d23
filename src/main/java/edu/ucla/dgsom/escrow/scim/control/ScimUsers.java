package edu.ucla.dgsom.escrow.scim.control;

import edu.ucla.dgsom.escrow.access.control.Directory;
import edu.ucla.dgsom.escrow.access.control.SignInErasure;
import edu.ucla.dgsom.escrow.access.entity.Department;
import edu.ucla.dgsom.escrow.access.entity.Person;
import edu.ucla.dgsom.escrow.audit.control.AuditAction;
import edu.ucla.dgsom.escrow.audit.control.AuditTrail;
import edu.ucla.dgsom.escrow.audit.control.Outcome;
import edu.ucla.dgsom.escrow.problems.Problem;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * People as SCIM Users (RFC 7643): {@code externalId} is the HR employee id, {@code userName} the identity system's
 * key, the enterprise extension's {@code department} a department code. Deactivation is not done here: the caller
 * starts the same offboarding as HR's native call once this transaction has committed.
 */
@Stateless
public class ScimUsers {

    private static final Pattern FILTER = Pattern.compile("(?i)^\\s*(userName|externalId|id)\\s+eq\\s+\"((?:[^\"\\\\]|\\\\.)*)\"\\s*$");

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    Directory directory;

    @Inject
    SignInErasure signIns;

    @Inject
    @ConfigProperty(name = "escrow.scim.default-department")
    Optional<String> defaultDepartment;

    /** What an update did, and whether the person must now be offboarded. */
    public record Updated(Person person, boolean deactivate) {
    }

    public Person user(String id) {
        return Optional.ofNullable(em.find(Person.class, id)).filter(Person::scimVisible)
                .orElseThrow(() -> ProblemException.notFound("User " + id));
    }

    /** The users matching {@code filter} ({@code userName}, {@code externalId} or {@code id} {@code eq} a value). */
    public List<Person> users(String filter, int startIndex, int count) {
        String jpql = "SELECT p FROM Person p WHERE p.scimDeletedAt IS NULL";
        String value = null;
        if (filter != null && !filter.isBlank()) {
            Matcher matcher = FILTER.matcher(filter);
            if (!matcher.matches()) {
                throw new ProblemException(ProblemType.VALIDATION_FAILED, "Only userName, externalId or id eq"
                        + " \"value\" filters are supported", List.of(new Problem.FieldError("filter", "unsupported")));
            }
            String attribute = matcher.group(1).toLowerCase(Locale.ROOT);
            value = matcher.group(2).replace("\\\"", "\"").replace("\\\\", "\\");
            jpql += switch (attribute) {
                case "username" -> " AND (p.userName = :value OR (p.userName IS NULL AND p.email = :value))";
                case "externalid" -> " AND p.employeeId = :value";
                default -> " AND p.id = :value";
            };
        }
        var query = em.createQuery(jpql + " ORDER BY p.createdAt, p.id", Person.class);
        if (value != null) {
            query.setParameter("value", value);
        }
        return query.setFirstResult(startIndex - 1).setMaxResults(count).getResultList();
    }

    public long total(String filter) {
        return filter == null || filter.isBlank() ? em.createQuery("SELECT COUNT(p) FROM Person p"
                + " WHERE p.scimDeletedAt IS NULL", Long.class).getSingleResult() : users(filter, 1, 1000).size();
    }

    public Person create(ScimChanges user) {
        require(user.userName(), "userName");
        require(user.externalId(), "externalId");
        String email = user.email() != null ? user.email() : user.userName();
        // Without a name, the userName stands in, cut to the name's column.
        String name = user.fullName() != null ? user.fullName()
                : user.userName().substring(0, Math.min(user.userName().length(), ScimChanges.NAME_MAX));
        if (userNamed(user.userName()).isPresent()) {
            throw new ProblemException(ProblemType.CONFLICT, "A user with this userName exists",
                    List.of(new Problem.FieldError("userName", "already used")));
        }
        Department department = department(user.department());
        Person person = directory.createPerson(user.externalId(), name, email, department.id(), null, null);
        person.describe(person.name(), user.givenName(), user.familyName(), person.email(), user.userName().strip(),
                Instant.now());
        if (Boolean.FALSE.equals(user.active())) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "A new user cannot start inactive",
                    List.of(new Problem.FieldError("active", "must be true for a new user")));
        }
        return person;
    }

    /**
     * Applies a PUT (all attributes) or PATCH (those mentioned). Reactivation restores neither the old sign-in nor any
     * old assignment; deactivation is reported for the caller to offboard.
     */
    public Updated update(String id, ScimChanges changes) {
        Person person = user(id);
        em.lock(person, LockModeType.PESSIMISTIC_WRITE);
        if (changes.externalId() != null && !changes.externalId().strip().equals(person.employeeId())) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "externalId is the HR employee id and does not"
                    + " change", List.of(new Problem.FieldError("externalId", "immutable")));
        }
        if (changes.userName() != null && userNamed(changes.userName()).filter(p -> !p.id().equals(id)).isPresent()) {
            throw new ProblemException(ProblemType.CONFLICT, "A user with this userName exists",
                    List.of(new Problem.FieldError("userName", "already used")));
        }
        Instant now = Instant.now();
        String name = changes.fullName() != null ? changes.fullName().strip() : person.name();
        String givenName = changes.givenName() != null ? changes.givenName() : person.givenName();
        String familyName = changes.familyName() != null ? changes.familyName() : person.familyName();
        String email = changes.email() != null ? changes.email().strip() : person.email();
        String userName = changes.userName() != null ? changes.userName().strip() : person.userName();
        if (!name.equals(person.name()) || !email.equals(person.email()) || !Objects.equals(userName,
                person.userName()) || !Objects.equals(givenName, person.givenName())
                || !Objects.equals(familyName, person.familyName())) {
            Map<String, String> details = new TreeMap<>(Map.of("userName", userName == null ? "" : userName));
            if (!email.equals(person.email())) {
                // E-mail addresses are not secrets; where mail about accounts goes is worth a trace.
                details.put("oldEmail", person.email());
                details.put("newEmail", email);
            }
            person.describe(name, givenName, familyName, email, userName, now);
            audit.record(AuditAction.PERSON_UPDATE, new AuditTrail.Target("person", person.id(),
                    person.departmentId()), Outcome.ALLOWED, "SCIM", details);
        }
        if (Boolean.TRUE.equals(changes.active()) && !person.active()) {
            person.reactivate(now);
            // Never the old sign-in (offboarding destroyed it; this also removes one left from before that rule):
            // a DGIT admin sets up a new one.
            signIns.erase(person.id());
            audit.record(AuditAction.PERSON_REACTIVATE, new AuditTrail.Target("person", person.id(),
                    person.departmentId()), Outcome.ALLOWED, "SCIM active=true", Map.of());
        }
        return new Updated(person, Boolean.FALSE.equals(changes.active()) && person.active());
    }

    /** SCIM DELETE: the resource disappears from SCIM; the caller offboards the person. */
    public Person delete(String id) {
        Person person = user(id);
        person.scimDeleted(Instant.now());
        return person;
    }

    public String departmentCode(Person person) {
        Department department = em.find(Department.class, person.departmentId());
        return department == null ? null : department.code();
    }

    private Optional<Person> userNamed(String userName) {
        return em.createNamedQuery(Person.BY_USER_NAME, Person.class).setParameter("userName", userName.strip())
                .getResultStream().findFirst();
    }

    private Department department(String code) {
        String wanted = code != null && !code.isBlank() ? code : defaultDepartment.orElse("");
        if (wanted.isBlank()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Name the department (enterprise extension's"
                    + " department, a department code)", List.of(new Problem.FieldError("department", "required")));
        }
        return em.createNamedQuery(Department.BY_CODE, Department.class)
                .setParameter("code", wanted.strip().toUpperCase(Locale.ROOT)).getResultStream().findFirst()
                .orElseThrow(() -> new ProblemException(ProblemType.VALIDATION_FAILED, "No such department",
                        List.of(new Problem.FieldError("department", "no department with this code"))));
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, field + " is required",
                    List.of(new Problem.FieldError(field, "required")));
        }
    }
}
