package edu.ucla.dgsom.escrow.offboarding.control;

import edu.ucla.dgsom.escrow.access.control.AccessTermination;
import edu.ucla.dgsom.escrow.access.control.Administrators;
import edu.ucla.dgsom.escrow.access.control.People;
import edu.ucla.dgsom.escrow.access.control.PersonDetails;
import edu.ucla.dgsom.escrow.access.control.RoleHolders;
import edu.ucla.dgsom.escrow.accounts.control.AccountRef;
import edu.ucla.dgsom.escrow.accounts.control.HoldersAssigned;
import edu.ucla.dgsom.escrow.accounts.control.Holdings;
import edu.ucla.dgsom.escrow.audit.control.AuditAction;
import edu.ucla.dgsom.escrow.audit.control.AuditRecords;
import edu.ucla.dgsom.escrow.audit.control.AuditTrail;
import edu.ucla.dgsom.escrow.audit.control.Outcome;
import edu.ucla.dgsom.escrow.offboarding.entity.Candidates;
import edu.ucla.dgsom.escrow.offboarding.entity.Exposure;
import edu.ucla.dgsom.escrow.offboarding.entity.Holders;
import edu.ucla.dgsom.escrow.offboarding.entity.OffboardingCase;
import edu.ucla.dgsom.escrow.offboarding.entity.OffboardingItem;
import edu.ucla.dgsom.escrow.offboarding.entity.OffboardingItem.Kind;
import edu.ucla.dgsom.escrow.security.Caller;
import edu.ucla.dgsom.escrow.security.Role;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What happens at a case's effective time (docs/offboarding.md), in two transactions. First, alone, the leaver's
 * access ends: sign-in destroyed, sessions and API tokens ended, every role revoked, the person offboarded; the case
 * is then ACCESS_ENDED. Second, every account they held gets a new holder (or goes to DGIT with an open item when
 * nobody can take it), every credential they could reveal, did reveal or rotated is flagged for rotation, and new
 * holders and department owners are told by mail. A failing hand-over never undoes the end of access; a crash
 * between the two leaves the case ACCESS_ENDED, and the hand-over runs again.
 */
@Stateless
public class Handover {

    private static final Logger LOG = Logger.getLogger(Handover.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    Holdings holdings;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    AuditRecords records;

    @Inject
    HandoverMail mail;

    @Inject
    Administrators administrators;

    @Inject
    AccessTermination access;

    @Inject
    People people;

    @Inject
    RoleHolders roleHolders;

    @Inject
    @ConfigProperty(name = "escrow.offboarding.rotation-due-days", defaultValue = "7")
    int rotationDueDays;

    /**
     * Step 1, committed on its own: ends the leaver's access if the case is due. False if there was nothing to do.
     * Access ends even if the leaver was DGIT's last active admin with MFA (a person who has left keeps nothing);
     * that is then recorded loudly: an audit entry, an open item, mail to DGIT's remaining admins.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean endAccessIfDue(String caseId) {
        OffboardingCase offboarding = em.find(OffboardingCase.class, caseId);
        if (offboarding == null || !offboarding.dueAt(Instant.now())) {
            return false;
        }
        // The admin guard first, then the case row: the order every admin removal takes.
        boolean adminKept = administrators.keepsAnAdminAfterDepartureOf(offboarding.personId());
        em.refresh(offboarding, LockModeType.PESSIMISTIC_WRITE);
        Instant now = Instant.now();
        if (!offboarding.dueAt(now)) {
            return false;
        }
        Journal journal = new Journal(offboarding);
        AccessTermination.Ended ended = access.endAllFor(offboarding.personId(), now);
        PersonDetails leaver = ended.person();
        journal.add(OffboardingItem.done(offboarding.id(), Kind.SIGN_IN_DISABLED, null, ended.signInErased()
                ? "sign-in destroyed: password hash, MFA seed and recovery codes" : "had no sign-in", now));
        journal.add(OffboardingItem.done(offboarding.id(), Kind.SESSIONS_REVOKED, null,
                ended.sessionsEnded() + " revoked", now));
        journal.add(OffboardingItem.done(offboarding.id(), Kind.TOKENS_REVOKED, null,
                ended.tokensRevoked() + " revoked", now));
        journal.record(AuditAction.OFFBOARDING_STEP, personTarget(leaver), Map.of("step", "access-ended", "sessions",
                Integer.toString(ended.sessionsEnded()), "tokens", Integer.toString(ended.tokensRevoked())));
        for (AccessTermination.RevokedRole role : ended.roles()) {
            journal.add(OffboardingItem.roleRevoked(offboarding.id(), role.role(), role.departmentId(), now));
            Map<String, String> details = new TreeMap<>(Map.of("role", role.role().name()));
            Optional.ofNullable(role.departmentId()).ifPresent(d -> details.put("department", d));
            journal.record(AuditAction.ROLE_REVOKE, new AuditTrail.Target("person", leaver.id(),
                    role.departmentId()), details);
        }
        if (!adminKept) {
            noAdminLeft(offboarding, leaver, journal, now);
        }
        offboarding.accessEnded(now);
        journal.commit(em, audit, caller);
        return true;
    }

    /** The leaver was DGIT's last active admin with MFA: an audit entry, an open item, and DGIT's admins told. */
    private void noAdminLeft(OffboardingCase offboarding, PersonDetails leaver, Journal journal, Instant now) {
        journal.add(OffboardingItem.noDgitAdminLeft(offboarding.id(), leaver.id(), now));
        journal.audit(AuditAction.OFFBOARDING_STEP, personTarget(leaver), "DGIT has no active admin with MFA left",
                Map.of("step", "no-dgit-admin-left", "case", offboarding.id()));
        em.flush();
        if (!mail.noAdminLeft(offboarding, leaver)) {
            LOG.severe(() -> "DGIT has no active admin left: offboarding case " + offboarding.id() + " ended the"
                    + " access of its last one. An operator must name a DGIT admin (docs/offboarding.md).");
        }
    }

    /**
     * Step 2, after step 1 committed: passes on everything the leaver held and flags what they could reveal. False if
     * the case does not wait for it.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean handOverIfAccessEnded(String caseId) {
        OffboardingCase offboarding = em.find(OffboardingCase.class, caseId, LockModeType.PESSIMISTIC_WRITE);
        if (offboarding == null || !offboarding.awaitsHandover()) {
            return false;
        }
        Instant now = Instant.now();
        Journal journal = new Journal(offboarding);
        PersonDetails leaver = people.find(offboarding.personId()).orElseThrow();
        List<AccountRef> held = holdings.lockHeldBy(leaver.id());
        Candidates candidates = candidates(offboarding, held);
        List<HoldersAssigned.Assignment> reassigned = new ArrayList<>();
        held.forEach(account -> reassign(offboarding, account, candidates, now, journal).ifPresent(reassigned::add));
        holdings.replaceHolders(new HoldersAssigned(reassigned), "offboarding:" + offboarding.id(), now);
        Instant due = now.plus(Duration.ofDays(rotationDueDays));
        int rotations = requireRotations(offboarding, held, due, now, journal);
        mail.handedOver(offboarding, leaver, journal.items(), due);
        offboarding.handedOver();
        journal.record(AuditAction.OFFBOARDING_STEP, new AuditTrail.Target("offboarding", offboarding.id(),
                leaver.departmentId()), Map.of("step", "executed", "accountsReassigned", Integer.toString(held.size()),
                "rotationsRequired", Integer.toString(rotations)));
        journal.commit(em, audit, caller);
        completeIfDone(offboarding);
        return true;
    }

    /** Completes a handed-over case once no item is open. */
    public void completeIfDone(OffboardingCase offboarding) {
        em.flush();
        long open = em.createNamedQuery(OffboardingItem.COUNT_OPEN, Long.class).setParameter("case", offboarding.id())
                .getSingleResult();
        if (offboarding.completeIfNothingOpen(open, Instant.now())) {
            AuditTrail.Target target = new AuditTrail.Target("offboarding", offboarding.id(), null);
            if (caller.authenticated()) {
                audit.record(AuditAction.OFFBOARDING_COMPLETE, target, Outcome.ALLOWED, null, Map.of());
            } else {
                audit.record("SYSTEM", null, "offboarding scheduler", AuditAction.OFFBOARDING_COMPLETE, target,
                        Outcome.ALLOWED, null, Map.of());
            }
        }
    }

    /**
     * Who can step in on the leaver's accounts. Their person rows are locked (in id order, so two hand-overs cannot
     * deadlock on them) until the hand-over commits, and only people who are active and not being offboarded
     * themselves (a case due or with access ended) are chosen: two people who leave at the same moment never hand
     * their accounts to each other.
     */
    private Candidates candidates(OffboardingCase offboarding, List<AccountRef> held) {
        String leaverId = offboarding.personId();
        Set<String> departments = held.stream().map(AccountRef::departmentId).collect(Collectors.toSet());
        Map<String, List<String>> owners = roleHolders.departmentOwnersOtherThan(departments, leaverId);
        List<String> admins = roleHolders.dgitAdminsOtherThan(leaverId);
        Set<String> ids = new TreeSet<>(admins);
        for (AccountRef account : held) {
            ids.add(account.contentOwnerId());
            ids.add(account.backupModeratorId());
        }
        owners.values().forEach(ids::addAll);
        Optional.ofNullable(offboarding.successorId()).ifPresent(ids::add);
        ids.remove(leaverId);
        Set<String> leaving = new HashSet<>(em.createNamedQuery(OffboardingCase.PEOPLE_LEAVING, String.class)
                .setParameter("now", Instant.now()).getResultList());
        Set<String> eligible = people.lockActive(ids).stream().filter(id -> !leaving.contains(id))
                .collect(Collectors.toSet());
        return new Candidates(offboarding.successorId(), eligible, owners, admins);
    }

    /**
     * Who replaces the leaver on one account, by the rules in docs/offboarding.md, or none if it goes to DGIT; the
     * caller names the new holders of all accounts at once.
     */
    private Optional<HoldersAssigned.Assignment> reassign(OffboardingCase offboarding, AccountRef account,
            Candidates candidates, Instant now, Journal journal) {
        Holders before = new Holders(account.contentOwnerId(), account.backupModeratorId());
        Optional<Holders> placed = candidates.holdersAfter(before, offboarding.personId(), account.departmentId());
        if (placed.isEmpty()) {
            journal.add(OffboardingItem.toDgit(offboarding.id(), account.id(), account.departmentId(),
                    offboarding.personId(), now));
            journal.record(AuditAction.OFFBOARDING_STEP, account.target(), Map.of("step", "account-to-dgit"));
            return Optional.empty();
        }
        Holders after = placed.get();
        journal.addAll(OffboardingItem.replacements(offboarding.id(), account.id(), account.departmentId(), before,
                after, candidates, now));
        journal.record(AuditAction.ACCOUNT_REASSIGN, account.target(), Map.of(
                "contentOwner", before.contentOwner() + "->" + after.contentOwner(),
                "backupModerator", before.backupModerator() + "->" + after.backupModerator()));
        return Optional.of(new HoldersAssigned.Assignment(account.id(), after.contentOwner(),
                after.backupModerator()));
    }

    /**
     * Flags for rotation every credential the leaver may know: of accounts they held, could reveal (every account
     * for a DGIT admin, their departments' for an owner), revealed or rotated. Returns how many.
     */
    private int requireRotations(OffboardingCase offboarding, List<AccountRef> held, Instant due, Instant now,
            Journal journal) {
        Map<String, AccountRef> toRotate = new LinkedHashMap<>();
        held.stream().filter(AccountRef::hasCredentials).forEach(a -> toRotate.put(a.id(), a));
        revealable(offboarding).forEach(a -> toRotate.putIfAbsent(a.id(), a));
        Set<String> revealed = records.targetsActedOn(offboarding.personId(), AuditAction.CREDENTIAL_REVEAL, "account");
        Set<String> rotated = records.targetsActedOn(offboarding.personId(), AuditAction.CREDENTIAL_ROTATE, "account");
        Set<String> known = new LinkedHashSet<>(revealed);
        known.addAll(rotated);
        known.stream().filter(id -> !toRotate.containsKey(id)).map(holdings::find).flatMap(Optional::stream)
                .filter(AccountRef::hasCredentials).forEach(a -> toRotate.put(a.id(), a));
        Set<String> heldIds = held.stream().map(AccountRef::id).collect(Collectors.toSet());
        for (AccountRef account : toRotate.values()) {
            holdings.requireRotation(account.id(), now, due);
            Exposure exposure = Exposure.of(account.id(), heldIds, revealed, rotated);
            journal.add(OffboardingItem.rotation(offboarding.id(), account.id(), account.departmentId(), exposure,
                    due, now));
            journal.record(AuditAction.OFFBOARDING_STEP, account.target(), Map.of("step", "rotation-required",
                    "due", due.toString(), "why", exposure.reason()));
        }
        return toRotate.size();
    }

    /** The accounts with credentials the leaver could reveal through a role step 1 revoked. */
    private List<AccountRef> revealable(OffboardingCase offboarding) {
        List<OffboardingItem> earlier = em.createNamedQuery(OffboardingItem.OF_CASE, OffboardingItem.class)
                .setParameter("case", offboarding.id()).getResultList();
        if (earlier.stream().anyMatch(i -> i.revoked(Role.DGIT_ADMIN))) {
            return holdings.withCredentials();
        }
        Set<String> owned = earlier.stream().filter(i -> i.revoked(Role.DEPARTMENT_OWNER))
                .map(OffboardingItem::departmentId).collect(Collectors.toCollection(LinkedHashSet::new));
        return holdings.withCredentialsIn(owned);
    }

    private static AuditTrail.Target personTarget(PersonDetails person) {
        return new AuditTrail.Target("person", person.id(), person.departmentId());
    }
}
