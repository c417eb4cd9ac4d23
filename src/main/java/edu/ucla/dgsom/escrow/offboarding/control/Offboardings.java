package edu.ucla.dgsom.escrow.offboarding.control;

import edu.ucla.dgsom.escrow.access.control.Administrators;
import edu.ucla.dgsom.escrow.access.control.People;
import edu.ucla.dgsom.escrow.access.control.PersonDetails;
import edu.ucla.dgsom.escrow.accounts.control.AccountRef;
import edu.ucla.dgsom.escrow.accounts.control.Holdings;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Offboarding cases: requested idempotently by HR's system (or DGIT), executed at their effective time exactly once
 * across every instance (the case row is locked and its state checked), and completed when every reassignment is
 * confirmed and every flagged credential rotated.
 */
@Stateless
public class Offboardings {

    private static final Logger LOG = Logger.getLogger(Offboardings.class.getName());
    /**
     * Closing an item locks its case before counting what is still open. The lock also raises the case's version: a
     * write, so that on a Galera cluster (where a row lock holds on one node only) two items closed at once on two
     * nodes meet at commit and one is run again, rather than each seeing the other still open and neither completing
     * the case.
     */
    private static final LockModeType CASE_LOCK = LockModeType.PESSIMISTIC_FORCE_INCREMENT;

    @PersistenceContext
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    Handover handover;

    @Inject
    Administrators administrators;

    @Inject
    People people;

    @Inject
    Holdings holdings;

    /** A case and whether this request created it. */
    public record Requested(OffboardingCase offboarding, boolean created) {

        public String caseId() {
            return offboarding.id();
        }
    }

    /**
     * Opens a case for the person who departs, or returns the one this request already made (same idempotency key or
     * HR reference), or the person's open or last case if they are being or were offboarded; a pending case is
     * brought forward to an earlier effective time (default now).
     */
    public Requested request(Departure departure) {
        Optional<OffboardingCase> repeated = repeated(departure);
        if (repeated.isPresent()) {
            return sameRequest(repeated.get(), departure);
        }
        PersonDetails person = people.byEmployeeId(departure.employeeId())
                .orElseThrow(() -> ProblemException.notFound("Employee " + departure.employeeId()));
        // The last-admin rule under the admin guard (taken before the person's row, as every admin removal does),
        // then the person's row: it serializes concurrent requests for one person, so only one opens a case.
        administrators.requireAnotherAfterRemovalOf(person.id());
        person = people.lock(person.id());
        repeated = repeated(departure);
        if (repeated.isPresent()) {
            return sameRequest(repeated.get(), departure);
        }
        Instant now = Instant.now();
        Instant effective = departure.effectiveAt() == null ? now : departure.effectiveAt();
        Optional<OffboardingCase> current = currentCase(person);
        if (current.isPresent()) {
            bringForward(current.get(), person, effective, departure);
            return new Requested(current.get(), false);
        }
        if (!person.active()) {
            throw new ProblemException(ProblemType.CONFLICT, "This person was offboarded outside the escrow");
        }
        String successorId = departure.successorId() == null ? null : successor(person, departure.successorId()).id();
        OffboardingCase offboarding = new OffboardingCase(person.id(), person.employeeId(), person.departmentId(),
                successorId, departure.hrReference(), departure.idempotencyKey(), effective, caller.auditName(), now);
        em.persist(offboarding);
        audit.record(AuditAction.OFFBOARDING_REQUEST, new AuditTrail.Target("offboarding", offboarding.id(),
                person.departmentId()), Outcome.ALLOWED, departure.hrReference() == null ? null
                : "HR reference " + departure.hrReference(),
                Map.of("person", person.id(), "effectiveAt", offboarding.effectiveAt().toString()));
        return new Requested(offboarding, true);
    }

    /**
     * An active person's pending case is this request's; once executed, a case no longer stands for an active (e.g.
     * reactivated) person, who is offboarded anew. An offboarded person's latest case is the answer.
     */
    private Optional<OffboardingCase> currentCase(PersonDetails person) {
        List<OffboardingCase> earlier = em.createNamedQuery(OffboardingCase.OF_PERSON, OffboardingCase.class)
                .setParameter("person", person.id()).getResultList();
        return person.active() ? earlier.stream().filter(c -> c.state() == OffboardingCase.State.SCHEDULED)
                .findFirst() : earlier.stream().findFirst();
    }

    private void bringForward(OffboardingCase pending, PersonDetails person, Instant effective, Departure departure) {
        if (pending.bringForwardTo(effective)) {
            audit.record(AuditAction.OFFBOARDING_REQUEST, new AuditTrail.Target("offboarding", pending.id(),
                    person.departmentId()), Outcome.ALLOWED, departure.hrReference() == null ? "brought forward"
                    : "brought forward by HR reference " + departure.hrReference(),
                    Map.of("person", person.id(), "effectiveAt", pending.effectiveAt().toString()));
        }
    }

    private Optional<OffboardingCase> repeated(Departure departure) {
        return byKey(OffboardingCase.BY_IDEMPOTENCY_KEY, "key", departure.idempotencyKey())
                .or(() -> byKey(OffboardingCase.BY_HR_REFERENCE, "reference", departure.hrReference()));
    }

    /**
     * The successor named for {@code leaver}: another active person (else 422); HR (its system's token or its staff)
     * may name only someone of the leaver's department (else 400), DGIT admins anyone.
     */
    private PersonDetails successor(PersonDetails leaver, String successorId) {
        PersonDetails successor = people.find(successorId.strip()).orElse(null);
        if (successor == null || !successor.active() || successor.id().equals(leaver.id())) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "The successor must be another active person",
                    List.of(new Problem.FieldError("successorId", successor == null ? "no such person"
                            : successor.id().equals(leaver.id()) ? "is the person leaving" : "is offboarded")));
        }
        if (!caller.has(Role.DGIT_ADMIN) && !successor.sameDepartmentAs(leaver)) {
            throw ProblemException.invalidField("successorId", "HR may name only a person of the leaver's"
                    + " department");
        }
        return successor;
    }

    /**
     * Executes the case if it is due, in two transactions: the leaver's access ends and commits first; then their
     * holdings are handed over. A hand-over that fails leaves the case ACCESS_ENDED with access ended, for the
     * scheduler to resume. False if there was nothing to do.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public boolean executeIfDue(String caseId) {
        boolean ended = handover.endAccessIfDue(caseId);
        try {
            return handover.handOverIfAccessEnded(caseId) || ended;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The hand-over of offboarding case " + caseId + " failed after the leaver's access"
                    + " ended; the scheduler retries it in a few seconds", e);
            return ended;
        }
    }

    /** The cases due now, or whose hand-over is pending; each is then executed by {@link #executeIfDue}. */
    public List<String> dueCaseIds() {
        return em.createQuery("SELECT c.id FROM OffboardingCase c WHERE c.state = :ended OR (c.state = :scheduled"
                + " AND c.effectiveAt <= :now) ORDER BY c.effectiveAt", String.class)
                .setParameter("ended", OffboardingCase.State.ACCESS_ENDED)
                .setParameter("scheduled", OffboardingCase.State.SCHEDULED)
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

    /** The items the caller has to act on: a new holder sees their own, a DGIT admin every item. */
    public List<OffboardingItem> itemsFor(String caseId) {
        List<OffboardingItem> items = items(caseId);
        return caller.has(Role.DGIT_ADMIN) ? items
                : items.stream().filter(i -> caller.isPerson() && i.addressedTo(caller.id())).toList();
    }

    /**
     * The hand-overs that await the calling person's confirmation, oldest case first: those naming them as the new
     * holder and, for a DGIT admin, those addressed to DGIT. Nothing awaits a token's: tokens confirm nothing of
     * their own.
     */
    public List<HandoverToConfirm> awaitingConfirmation() {
        if (!caller.isPerson()) {
            return List.of();
        }
        return em.createNamedQuery(OffboardingItem.AWAITING_CONFIRMATION, OffboardingItem.class)
                .setParameter("kinds", OffboardingItem.CONFIRMED_KINDS).setParameter("person", caller.id())
                .getResultStream()
                .filter(i -> i.awaitsConfirmationBy(caller.id()) || caller.has(Role.DGIT_ADMIN) && i.awaitsDgit())
                .map(this::toConfirm).toList();
    }

    private HandoverToConfirm toConfirm(OffboardingItem item) {
        OffboardingCase offboarding = offboarding(item.caseId());
        return new HandoverToConfirm(offboarding, item, accountName(item.accountId()),
                people.find(offboarding.personId()).map(PersonDetails::name).orElse(null));
    }

    /** The display names of the accounts {@code items} concern, by account id. */
    public Map<String, String> accountNames(List<OffboardingItem> items) {
        Map<String, String> names = new HashMap<>();
        items.stream().map(OffboardingItem::accountId).filter(Objects::nonNull).distinct()
                .forEach(id -> names.put(id, accountName(id)));
        return names;
    }

    private String accountName(String accountId) {
        return accountId == null ? null : holdings.find(accountId).map(AccountRef::displayName).orElse(null);
    }

    /** Cases newest first, as {@code filter} narrows them. */
    public List<OffboardingCase> list(OffboardingFilter filter, int limit) {
        return em.createNamedQuery(OffboardingCase.LIST, OffboardingCase.class)
                .setParameter("states", filter.states()).setParameter("department", filter.departmentId())
                .setParameter("employee", filter.employeeId()).setParameter("dueBefore", filter.dueBefore())
                .setMaxResults(limit).getResultList();
    }

    /** The new holder (or a DGIT admin) confirms a hand-over. */
    public OffboardingCase confirm(String caseId, String itemId) {
        OffboardingCase offboarding = em.find(OffboardingCase.class, caseId, CASE_LOCK);
        OffboardingItem item = offboarding == null ? null : em.find(OffboardingItem.class, itemId);
        if (item == null || !item.caseId().equals(offboarding.id())) {
            throw ProblemException.notFound("Item " + itemId + " of offboarding case " + caseId);
        }
        if (!caller.has(Role.DGIT_ADMIN) && !(caller.isPerson() && item.addressedTo(caller.id()))) {
            throw audit.refuse(AuditAction.OFFBOARDING_CONFIRM, new AuditTrail.Target("offboarding", caseId, null),
                    null, "not the new holder of item " + itemId, new ProblemException(ProblemType.FORBIDDEN,
                            "Only the new holder or a DGIT admin confirms this"));
        }
        if (!item.confirmable()) {
            throw new ProblemException(ProblemType.CONFLICT, "This item needs no confirmation");
        }
        item.resolve(caller.auditName(), Instant.now());
        audit.record(AuditAction.OFFBOARDING_CONFIRM, item.accountId() == null
                ? new AuditTrail.Target("offboarding", caseId, null)
                : new AuditTrail.Target("account", item.accountId(), item.departmentId()), Outcome.ALLOWED, null, Map.of("case", caseId, "item", itemId));
        handover.completeIfDone(offboarding);
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
        cases.forEach(id -> handover.completeIfDone(em.find(OffboardingCase.class, id, CASE_LOCK)));
    }

    private Optional<OffboardingCase> byKey(String query, String parameter, String value) {
        return value == null ? Optional.empty() : em.createNamedQuery(query, OffboardingCase.class)
                .setParameter(parameter, value).getResultStream().findFirst();
    }

    private static Requested sameRequest(OffboardingCase offboarding, Departure departure) {
        if (!offboarding.employeeId().equals(departure.employeeId())) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "This idempotency key or HR reference belongs to"
                    + " another employee's case", List.of(new Problem.FieldError("employeeId",
                    "differs from the case the key or reference names")));
        }
        return new Requested(offboarding, false);
    }
}
