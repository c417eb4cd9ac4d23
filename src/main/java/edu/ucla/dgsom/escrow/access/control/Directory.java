package edu.ucla.dgsom.escrow.access.control;

import edu.ucla.dgsom.escrow.access.entity.Department;
import edu.ucla.dgsom.escrow.access.entity.Person;
import edu.ucla.dgsom.escrow.access.entity.RoleGrant;
import edu.ucla.dgsom.escrow.access.entity.SignIn;
import edu.ucla.dgsom.escrow.audit.control.AuditAction;
import edu.ucla.dgsom.escrow.audit.control.AuditTrail;
import edu.ucla.dgsom.escrow.audit.control.Outcome;
import edu.ucla.dgsom.escrow.problems.Problem;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import edu.ucla.dgsom.escrow.security.Caller;
import edu.ucla.dgsom.escrow.security.Role;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Departments, people and role grants. Reads are scoped to what the caller may see: anything else is "not found",
 * so its existence does not leak. Every change is in the audit trail.
 */
@Stateless
public class Directory {

    @PersistenceContext
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    AccessSettings settings;

    @Inject
    Administrators administrators;

    @Inject
    Departments departments;

    public Department createDepartment(String code, String name) {
        String normalized = code.trim().toUpperCase(Locale.ROOT);
        if (em.createNamedQuery(Department.BY_CODE, Department.class).setParameter("code", normalized)
                .getResultStream().findFirst().isPresent()) {
            throw new ProblemException(ProblemType.CONFLICT, "A department with code " + normalized + " exists",
                    List.of(new Problem.FieldError("code", "already used")));
        }
        Department department = new Department(normalized, name.trim(), Instant.now());
        em.persist(department);
        audit.record(AuditAction.DEPARTMENT_CREATE, new AuditTrail.Target("department", department.id(),
                department.id()), Outcome.ALLOWED, null, Map.of("code", normalized));
        return department;
    }

    public List<Department> departments() {
        if (caller.seesEveryDepartment()) {
            return em.createNamedQuery(Department.ALL, Department.class).getResultList();
        }
        if (caller.ownedDepartments().isEmpty()) {
            return List.of();
        }
        return em.createNamedQuery(Department.BY_IDS, Department.class)
                .setParameter("ids", caller.ownedDepartments()).getResultList();
    }

    /** The department if the caller may see it. */
    public Department department(String id) {
        return Optional.ofNullable(em.find(Department.class, id)).filter(d -> caller.canSeeDepartment(d.id()))
                .orElseThrow(() -> ProblemException.notFound("Department " + id));
    }

    /**
     * Creates a person, optionally with a sign-in whose initial password must be changed at first sign-in. A sign-in
     * is a sign-in setting: only a person with MFA may give one, never an API token (a stolen token must not mint
     * sign-ins); a token may still create the person without one.
     */
    public Person createPerson(String employeeId, String name, String email, String departmentId, String username,
            char[] initialPassword) {
        if (username != null && !caller.isPersonWithMfa()) {
            throw audit.refuse(AuditAction.PERSON_CREATE, null, null, caller.isPerson() ? "MFA not enrolled"
                    : "not a person", ProblemException.personWithMfaRequired());
        }
        departments.existing(departmentId);
        if (em.createNamedQuery(Person.BY_EMPLOYEE_ID, Person.class).setParameter("employeeId", employeeId.trim())
                .getResultStream().findFirst().isPresent()) {
            throw new ProblemException(ProblemType.CONFLICT, "A person with this employee id exists",
                    List.of(new Problem.FieldError("employeeId", "already used")));
        }
        Person person = new Person(employeeId.trim(), name.trim(), email.trim(), departmentId, Instant.now());
        em.persist(person);
        if (username != null) {
            newSignIn(person, username, initialPassword);
        }
        audit.record(AuditAction.PERSON_CREATE, new AuditTrail.Target("person", person.id(), departmentId),
                Outcome.ALLOWED, null, username == null ? Map.of() : Map.of("username", username.trim()));
        return person;
    }

    /**
     * A new sign-in for an active person who has none, e.g. one reactivated after offboarding destroyed their old
     * one: a username and an initial password that must be changed at first sign-in; MFA is enrolled afresh.
     */
    public SignIn setUpSignIn(String personId, String username, char[] initialPassword) {
        Person person = person(personId);
        em.lock(person, LockModeType.PESSIMISTIC_WRITE);
        if (!person.active()) {
            throw new ProblemException(ProblemType.CONFLICT, "This person is offboarded; reactivate them first");
        }
        if (em.find(SignIn.class, person.id()) != null) {
            throw new ProblemException(ProblemType.CONFLICT, "This person already has a sign-in");
        }
        SignIn signIn = newSignIn(person, username, initialPassword);
        audit.record(AuditAction.PERSON_UPDATE, new AuditTrail.Target("person", person.id(), person.departmentId()),
                Outcome.ALLOWED, "sign-in set up", Map.of("username", signIn.username()));
        return signIn;
    }

    private SignIn newSignIn(Person person, String username, char[] initialPassword) {
        String normalized = username.trim().toLowerCase(Locale.ROOT);
        if (em.createNamedQuery(SignIn.BY_USERNAME, SignIn.class).setParameter("username", normalized)
                .getResultStream().findFirst().isPresent()) {
            throw new ProblemException(ProblemType.CONFLICT, "This username is taken",
                    List.of(new Problem.FieldError("signIn.username", "already used")));
        }
        SignIn signIn = new SignIn(person.id(), normalized, settings.passwordHasher().hash(initialPassword));
        em.persist(signIn);
        return signIn;
    }

    public List<Person> people() {
        if (caller.seesEveryDepartment()) {
            return em.createNamedQuery(Person.ALL, Person.class).getResultList();
        }
        if (caller.ownedDepartments().isEmpty()) {
            return List.of();
        }
        return em.createNamedQuery(Person.IN_DEPARTMENTS, Person.class)
                .setParameter("departments", caller.ownedDepartments()).getResultList();
    }

    /**
     * The person if the caller may see them: DGIT, auditors and HR's staff everyone, department owners their
     * departments'.
     */
    public Person person(String id) {
        return Optional.ofNullable(em.find(Person.class, id)).filter(p -> caller.canSeeDepartment(p.departmentId()))
                .orElseThrow(() -> ProblemException.notFound("Person " + id));
    }

    public Optional<SignIn> signInOf(String personId) {
        return Optional.ofNullable(em.find(SignIn.class, personId));
    }

    public List<RoleGrant> grantsOf(String personId) {
        return em.createNamedQuery(RoleGrant.OF_PERSON, RoleGrant.class).setParameter("person", personId)
                .getResultList();
    }

    public RoleGrant grant(String personId, Role role, String requestedDepartmentId) {
        Person person = person(personId);
        if (role == Role.HR_INTEGRATION) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "HR_INTEGRATION is for API tokens only",
                    List.of(new Problem.FieldError("role", "not for people")));
        }
        String departmentId = departments.scopeOf(role, requestedDepartmentId);
        boolean held = grantsOf(person.id()).stream().anyMatch(g -> g.role() == role
                && java.util.Objects.equals(g.departmentId(), departmentId));
        if (held) {
            throw new ProblemException(ProblemType.CONFLICT, "The person already holds this role");
        }
        RoleGrant grant = new RoleGrant(person.id(), role, departmentId, caller.auditName(), Instant.now());
        em.persist(grant);
        audit.record(AuditAction.ROLE_GRANT, new AuditTrail.Target("person", person.id(),
                departmentId != null ? departmentId : person.departmentId()), Outcome.ALLOWED, null,
                departmentId == null ? Map.of("role", role.name()) : Map.of("role", role.name(), "department", departmentId));
        return grant;
    }

    public void revoke(String personId, String grantId) {
        Person person = person(personId);
        RoleGrant grant = Optional.ofNullable(em.find(RoleGrant.class, grantId))
                .filter(g -> g.personId().equals(person.id()))
                .orElseThrow(() -> ProblemException.notFound("Role grant " + grantId));
        if (grant.role() == Role.DGIT_ADMIN) {
            administrators.requireAnotherAfterRemovalOf(person.id());
        }
        em.remove(grant);
        audit.record(AuditAction.ROLE_REVOKE, new AuditTrail.Target("person", person.id(), person.departmentId()),
                Outcome.ALLOWED, null, Map.of("role", grant.role().name()));
    }
}
