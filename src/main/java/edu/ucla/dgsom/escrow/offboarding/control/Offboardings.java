package edu.ucla.dgsom.escrow.offboarding.control;

import edu.ucla.dgsom.escrow.access.entity.Person;
import edu.ucla.dgsom.escrow.access.entity.RoleGrant;
import edu.ucla.dgsom.escrow.audit.control.AuditAction;
import edu.ucla.dgsom.escrow.audit.control.AuditTrail;
import edu.ucla.dgsom.escrow.audit.control.Outcome;
import edu.ucla.dgsom.escrow.credentials.control.CredentialsRotated;
import edu.ucla.dgsom.escrow.offboarding.entity.OffboardingCase;
import edu.ucla.dgsom.escrow.offboarding.entity.OffboardingItem;
import edu.ucla.dgsom.escrow.problems.Problem;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import edu.ucla.dgsom.escrow.security.Caller;
import edu.ucla.dgsom.escrow.security.Role;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.TreeSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Offboarding cases: requested idempotently by HR's system (or DGIT), executed at their effective time exactly once
 * across every instance (the case row is locked and its state checked), and completed when every reassignment is
 * confirmed and every flagged credential rotated.
 */
@Stateless
public class Offboardings {

    @PersistenceContext
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    Handover handover;

    /** A case and whether this request created it. */
    public record Requested(OffboardingCase offboarding, boolean created) {
    }

    /**
     * Opens a case for the person with {@code employeeId}, or returns the one this request already made (same
     * idempotency key or HR reference), or the person's open or last case if they are being or were offboarded.
     */
    public Requested request(String employeeId, Instant effectiveAt, String successorId, String hrReference,
            String idempotencyKey) {
        Optional<OffboardingCase> repeated = byKey(OffboardingCase.BY_IDEMPOTENCY_KEY, "key", idempotencyKey)
                .or(() -> byKey(OffboardingCase.BY_HR_REFERENCE, "reference", hrReference));
        if (repeated.isPresent()) {
            return sameRequest(repeated.get(), employeeId);
        }
        Person person = em.createNamedQuery(Person.BY_EMPLOYEE_ID, Person.class).setParameter("employeeId",
                employeeId.strip()).getResultStream().findFirst()
                .orElseThrow(() -> ProblemException.notFound("Employee " + employeeId.strip()));
        // Serializes concurrent requests for one person, so that only one of them opens a case.
        em.lock(person, LockModeType.PESSIMISTIC_WRITE);
        repeated = byKey(OffboardingCase.BY_IDEMPOTENCY_KEY, "key", idempotencyKey)
                .or(() -> byKey(OffboardingCase.BY_HR_REFERENCE, "reference", hrReference));
        if (repeated.isPresent()) {
            return sameRequest(repeated.get(), employeeId);
        }
        List<OffboardingCase> earlier = em.createNamedQuery(OffboardingCase.OF_PERSON, OffboardingCase.class)
                .setParameter("person", person.id()).getResultList();
        // An active person's pending case is this request's; once executed, a case no longer stands for an active
        // (e.g. reactivated) person, who is offboarded anew. An offboarded person's latest case is the answer.
        Optional<OffboardingCase> current = person.active()
                ? earlier.stream().filter(c -> c.state() == OffboardingCase.State.SCHEDULED).findFirst()
                : earlier.stream().findFirst();
        if (current.isPresent()) {
            return new Requested(current.get(), false);
        }
        if (!person.active()) {
            throw new ProblemException(ProblemType.CONFLICT, "This person was offboarded outside the escrow");
        }
        if (successorId != null) {
            Person successor = em.find(Person.class, successorId.strip());
            if (successor == null || !successor.active() || successor.id().equals(person.id())) {
                throw new ProblemException(ProblemType.UNPROCESSABLE, "The successor must be another active person",
                        List.of(new Problem.FieldError("successorId", successor == null ? "no such person"
                                : successor.id().equals(person.id()) ? "is the person leaving" : "is offboarded")));
            }
            successorId = successor.id();
        }
        requireAnotherAdmin(person);
        Instant now = Instant.now();
        OffboardingCase offboarding = new OffboardingCase(person.id(), person.employeeId(), successorId, hrReference,
                idempotencyKey, effectiveAt == null ? now : effectiveAt, caller.auditName(), now);
        em.persist(offboarding);
        audit.record(AuditAction.OFFBOARDING_REQUEST, new AuditTrail.Target("offboarding", offboarding.id(),
                person.departmentId()), Outcome.ALLOWED, hrReference == null ? null : "HR reference " + hrReference,
                Map.of("person", person.id(), "effectiveAt", offboarding.effectiveAt().toString()));
        return new Requested(offboarding, true);
    }

    /**
     * Executes the case now if it is due and nobody has yet; false if there was nothing to do. The row lock makes a
     * second instance wait and then find the case executed.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean executeIfDue(String caseId) {
        OffboardingCase offboarding = em.find(OffboardingCase.class, caseId, LockModeType.PESSIMISTIC_WRITE);
        if (offboarding == null || !offboarding.dueAt(Instant.now())) {
            return false;
        }
        handover.execute(offboarding);
        completeIfDone(offboarding);
        return true;
    }

    /** The cases due now; each is then executed by {@link #executeIfDue} in a transaction of its own. */
    public List<String> dueCaseIds() {
        return em.createQuery("SELECT c.id FROM OffboardingCase c WHERE c.state = :state AND c.effectiveAt <= :now"
                + " ORDER BY c.effectiveAt", String.class).setParameter("state", OffboardingCase.State.SCHEDULED)
                .setParameter("now", Instant.now()).setMaxResults(100).getResultList();
    }

    public OffboardingCase offboarding(String id) {
        return Optional.ofNullable(em.find(OffboardingCase.class, id))
                .orElseThrow(() -> ProblemException.notFound("Offboarding case " + id));
    }

    public List<OffboardingItem> items(String caseId) {
        return em.createNamedQuery(OffboardingItem.OF_CASE, OffboardingItem.class).setParameter("case", caseId)
                .getResultList();
    }

    /** Cases newest first, optionally of one state or one person. */
    public List<OffboardingCase> list(OffboardingCase.State state, String employeeId, int limit) {
        StringBuilder jpql = new StringBuilder("SELECT c FROM OffboardingCase c WHERE 1 = 1");
        if (state != null) {
            jpql.append(" AND c.state = :state");
        }
        if (employeeId != null) {
            jpql.append(" AND c.employeeId = :employee");
        }
        var query = em.createQuery(jpql.append(" ORDER BY c.requestedAt DESC, c.id").toString(), OffboardingCase.class);
        if (state != null) {
            query.setParameter("state", state);
        }
        if (employeeId != null) {
            query.setParameter("employee", employeeId);
        }
        return query.setMaxResults(limit).getResultList();
    }

    /** The new holder (or a DGIT admin) confirms a hand-over. */
    public OffboardingCase confirm(String caseId, String itemId) {
        OffboardingCase offboarding = em.find(OffboardingCase.class, caseId, LockModeType.PESSIMISTIC_WRITE);
        OffboardingItem item = offboarding == null ? null : em.find(OffboardingItem.class, itemId);
        if (item == null || !item.caseId().equals(offboarding.id())) {
            throw ProblemException.notFound("Item " + itemId + " of offboarding case " + caseId);
        }
        if (!caller.has(Role.DGIT_ADMIN) && !(caller.isPerson() && caller.id().equals(item.toPerson()))) {
            audit.recordRefusal(AuditAction.OFFBOARDING_CONFIRM, new AuditTrail.Target("offboarding", caseId, null),
                    Outcome.DENIED, null, Map.of("item", itemId, "refused", "not the new holder"));
            throw new ProblemException(ProblemType.FORBIDDEN, "Only the new holder or a DGIT admin confirms this");
        }
        if (!item.confirmable()) {
            throw new ProblemException(ProblemType.CONFLICT, "This item needs no confirmation");
        }
        item.resolve(caller.auditName(), Instant.now());
        audit.record(AuditAction.OFFBOARDING_CONFIRM, new AuditTrail.Target("account", item.accountId(),
                item.departmentId()), Outcome.ALLOWED, null, Map.of("case", caseId, "item", itemId));
        completeIfDone(offboarding);
        return offboarding;
    }

    /**
     * A rotation of the password or the TOTP seed closes the rotation items of the account, in the rotation's
     * transaction (marking a recovery code used is not a rotation). Cases are locked in id order.
     */
    public void credentialsRotated(@Observes CredentialsRotated rotated) {
        if (!rotated.secretReplaced()) {
            return;
        }
        Set<String> cases = new TreeSet<>();
        for (OffboardingItem item : em.createNamedQuery(OffboardingItem.OPEN_ROTATIONS_OF_ACCOUNT,
                OffboardingItem.class).setParameter("account", rotated.accountId()).getResultList()) {
            item.resolve(caller.auditName(), Instant.now());
            cases.add(item.caseId());
        }
        cases.forEach(id -> completeIfDone(em.find(OffboardingCase.class, id, LockModeType.PESSIMISTIC_WRITE)));
    }

    private void completeIfDone(OffboardingCase offboarding) {
        em.flush();
        if (offboarding.state() == OffboardingCase.State.IN_PROGRESS && em.createNamedQuery(
                OffboardingItem.COUNT_OPEN, Long.class).setParameter("case", offboarding.id()).getSingleResult() == 0) {
            offboarding.completed(Instant.now());
            AuditTrail.Target target = new AuditTrail.Target("offboarding", offboarding.id(), null);
            if (caller.authenticated()) {
                audit.record(AuditAction.OFFBOARDING_COMPLETE, target, Outcome.ALLOWED, null, Map.of());
            } else {
                audit.record("SYSTEM", null, "offboarding scheduler", AuditAction.OFFBOARDING_COMPLETE, target,
                        Outcome.ALLOWED, null, Map.of());
            }
        }
    }

    /** DGIT must keep an administrator: the last active one cannot be offboarded until another is named. */
    private void requireAnotherAdmin(Person person) {
        List<RoleGrant> admins = em.createNamedQuery(RoleGrant.OF_ROLE, RoleGrant.class)
                .setParameter("role", Role.DGIT_ADMIN).getResultList();
        boolean isAdmin = admins.stream().anyMatch(g -> g.personId().equals(person.id()));
        boolean another = admins.stream().filter(g -> !g.personId().equals(person.id()))
                .map(g -> em.find(Person.class, g.personId())).anyMatch(p -> p != null && p.active());
        if (isAdmin && !another) {
            throw new ProblemException(ProblemType.CONFLICT, "This is the last active DGIT admin; name another first");
        }
    }

    private Optional<OffboardingCase> byKey(String query, String parameter, String value) {
        return value == null ? Optional.empty() : em.createNamedQuery(query, OffboardingCase.class)
                .setParameter(parameter, value).getResultStream().findFirst();
    }

    private static Requested sameRequest(OffboardingCase offboarding, String employeeId) {
        if (!offboarding.employeeId().equals(employeeId.strip())) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "This idempotency key or HR reference belongs to"
                    + " another employee's case", List.of(new Problem.FieldError("employeeId",
                    "differs from the case the key or reference names")));
        }
        return new Requested(offboarding, false);
    }
}
