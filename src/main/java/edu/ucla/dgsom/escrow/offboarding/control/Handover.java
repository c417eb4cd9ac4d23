package edu.ucla.dgsom.escrow.offboarding.control;

import edu.ucla.dgsom.escrow.access.control.AccessTermination;
import edu.ucla.dgsom.escrow.access.control.Administrators;
import edu.ucla.dgsom.escrow.access.control.People;
import edu.ucla.dgsom.escrow.access.control.PersonDetails;
import edu.ucla.dgsom.escrow.access.control.RoleHolders;
import edu.ucla.dgsom.escrow.accounts.entity.OfficialAccount;
import edu.ucla.dgsom.escrow.audit.control.AuditAction;
import edu.ucla.dgsom.escrow.audit.control.AuditRecords;
import edu.ucla.dgsom.escrow.audit.control.AuditTrail;
import edu.ucla.dgsom.escrow.audit.control.Outcome;
import edu.ucla.dgsom.escrow.notifications.control.MailOutbox;
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
import java.util.HashMap;
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

    /** A mail lists this many accounts at most; the case lists them all. */
    private static final int MAX_MAIL_LINES = 100;

    @PersistenceContext
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    AuditRecords records;

    @Inject
    MailOutbox mail;

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
        Journal journal = new Journal();
        AccessTermination.Ended ended = access.endAllFor(offboarding.personId(), now);
        PersonDetails leaver = ended.person();
        journal.items.add(OffboardingItem.done(offboarding.id(), Kind.SIGN_IN_DISABLED, null, ended.signInErased()
                ? "sign-in destroyed: password hash, MFA seed and recovery codes" : "had no sign-in", now));
        journal.items.add(OffboardingItem.done(offboarding.id(), Kind.SESSIONS_REVOKED, null,
                ended.sessionsEnded() + " revoked", now));
        journal.items.add(OffboardingItem.done(offboarding.id(), Kind.TOKENS_REVOKED, null,
                ended.tokensRevoked() + " revoked", now));
        record(journal, AuditAction.OFFBOARDING_STEP, new AuditTrail.Target("person", leaver.id(),
                leaver.departmentId()), offboarding, Map.of("step", "access-ended", "sessions",
                Integer.toString(ended.sessionsEnded()), "tokens", Integer.toString(ended.tokensRevoked())));
        for (AccessTermination.RevokedRole grant : ended.roles()) {
            journal.items.add(grant.role() == Role.DEPARTMENT_OWNER
                    ? OffboardingItem.done(offboarding.id(), Kind.DEPARTMENT_OWNERSHIP_TO_DGIT, grant.departmentId(),
                            "DGIT holds the department until a new owner is named", now)
                    : OffboardingItem.roleRevoked(offboarding.id(), grant.role(), now));
            Map<String, String> details = new TreeMap<>(Map.of("role", grant.role().name()));
            if (grant.departmentId() != null) {
                details.put("department", grant.departmentId());
            }
            record(journal, AuditAction.ROLE_REVOKE, new AuditTrail.Target("person", leaver.id(),
                    grant.departmentId()), offboarding, details);
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
        journal.items.add(OffboardingItem.noDgitAdminLeft(offboarding.id(), leaver.id(), now));
        journal.audit(AuditAction.OFFBOARDING_STEP, new AuditTrail.Target("person", leaver.id(),
                leaver.departmentId()), "DGIT has no active admin with MFA left", Map.of("step",
                "no-dgit-admin-left", "case", offboarding.id()));
        em.flush();
        List<PersonDetails> admins = owners(null, leaver.id()).stream().map(people::find).flatMap(Optional::stream)
                .filter(PersonDetails::active).toList();
        for (PersonDetails admin : admins) {
            mail.enqueue(admin.email(), "DGIT has no admin with MFA left", "Hello " + admin.name() + ",\n\n"
                    + leaver.name() + " (employee " + leaver.employeeId() + ") has left and was DGIT's last active"
                    + " admin with MFA. Their access has ended. Enrol MFA now (or have an operator name another DGIT"
                    + " admin), then confirm the item of offboarding case " + offboarding.id() + ".\n\n"
                    + "The DGIT credential escrow\n");
        }
        if (admins.isEmpty()) {
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
        Journal journal = new Journal();
        PersonDetails leaver = people.find(offboarding.personId()).orElseThrow();
        List<OffboardingItem> earlier = em.createNamedQuery(OffboardingItem.OF_CASE, OffboardingItem.class)
                .setParameter("case", offboarding.id()).getResultList();
        boolean wasAdmin = earlier.stream().anyMatch(i -> i.revoked(Role.DGIT_ADMIN));
        Set<String> ownedDepartments = new LinkedHashSet<>();
        earlier.stream().filter(i -> i.revoked(Role.DEPARTMENT_OWNER)).forEach(i -> ownedDepartments.add(
                i.departmentId()));

        List<OfficialAccount> held = em.createNamedQuery(OfficialAccount.HELD_BY, OfficialAccount.class)
                .setParameter("person", leaver.id()).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        Map<String, OfficialAccount> toRotate = new LinkedHashMap<>();
        held.stream().filter(OfficialAccount::hasCredentials).forEach(a -> toRotate.put(a.id(), a));

        Candidates candidates = new Candidates(offboarding, held);
        for (OfficialAccount account : held) {
            reassign(offboarding, account, leaver.id(), candidates, now, journal);
        }

        if (wasAdmin) {
            em.createNamedQuery(OfficialAccount.WITH_CREDENTIALS, OfficialAccount.class).getResultList()
                    .forEach(a -> toRotate.putIfAbsent(a.id(), a));
        } else if (!ownedDepartments.isEmpty()) {
            em.createNamedQuery(OfficialAccount.WITH_CREDENTIALS_IN, OfficialAccount.class)
                    .setParameter("departments", ownedDepartments).getResultList()
                    .forEach(a -> toRotate.putIfAbsent(a.id(), a));
        }
        // Credentials the leaver revealed, or rotated (they set the secret, so they know it).
        Set<String> revealed = records.targetsActedOn(leaver.id(), AuditAction.CREDENTIAL_REVEAL, "account");
        Set<String> rotated = records.targetsActedOn(leaver.id(), AuditAction.CREDENTIAL_ROTATE, "account");
        Set<String> known = new LinkedHashSet<>(revealed);
        known.addAll(rotated);
        for (String accountId : known) {
            if (!toRotate.containsKey(accountId)) {
                Optional.ofNullable(em.find(OfficialAccount.class, accountId)).filter(OfficialAccount::hasCredentials)
                        .ifPresent(a -> toRotate.put(a.id(), a));
            }
        }
        Instant due = now.plus(Duration.ofDays(rotationDueDays));
        for (OfficialAccount account : toRotate.values()) {
            account.requireRotation(now, due);
            String why = held.contains(account) ? "held by the leaver"
                    : revealed.contains(account.id()) ? "revealed by the leaver"
                    : rotated.contains(account.id()) ? "rotated by the leaver" : "revealable by the leaver";
            journal.items.add(OffboardingItem.rotation(offboarding.id(), account.id(), account.departmentId(), why,
                    due, now));
            record(journal, AuditAction.OFFBOARDING_STEP, target(account), offboarding, Map.of("step",
                    "rotation-required", "due", due.toString(), "why", why));
        }

        notify(offboarding, leaver, journal.items, due);
        offboarding.handedOver();
        record(journal, AuditAction.OFFBOARDING_STEP, new AuditTrail.Target("offboarding", offboarding.id(),
                leaver.departmentId()), offboarding, Map.of("step", "executed", "accountsReassigned",
                Integer.toString(held.size()), "rotationsRequired", Integer.toString(toRotate.size())));
        journal.commit(em, audit, caller);
        completeIfDone(offboarding);
        return true;
    }

    /** Completes a handed-over case once no item is open. */
    public void completeIfDone(OffboardingCase offboarding) {
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

    /** Replaces the leaver on one account, by the rules in docs/offboarding.md, or sends it to DGIT. */
    private void reassign(OffboardingCase offboarding, OfficialAccount account, String leaverId,
            Candidates candidates, Instant now, Journal journal) {
        String owner = account.contentOwnerId();
        String moderator = account.backupModeratorId();
        String successor = candidates.successor();
        Optional<Holders> placed = new Holders(owner, moderator).after(leaverId, successor,
                candidates.eligible(leaverId.equals(owner) ? moderator : owner),
                other -> candidates.stewardOtherThan(account.departmentId(), other));
        if (placed.isEmpty()) {
            journal.items.add(OffboardingItem.toDgit(offboarding.id(), account.id(), account.departmentId(), leaverId,
                    now));
            record(journal, AuditAction.OFFBOARDING_STEP, target(account), offboarding, Map.of("step",
                    "account-to-dgit"));
            return;
        }
        String newOwner = placed.get().contentOwner();
        String newModerator = placed.get().backupModerator();
        account.assign(newOwner, newModerator);
        account.touch("offboarding:" + offboarding.id(), now);
        String reason = "offboarding " + offboarding.id();
        if (!newOwner.equals(owner)) {
            journal.items.add(OffboardingItem.replaced(offboarding.id(), Kind.CONTENT_OWNER_REPLACED, account.id(),
                    account.departmentId(), owner, newOwner, newOwner.equals(moderator) ? "backup moderator promoted"
                            : newOwner.equals(successor) ? "named successor" : candidates.describe(newOwner), now));
        }
        if (!newModerator.equals(moderator)) {
            journal.items.add(OffboardingItem.replaced(offboarding.id(), Kind.BACKUP_MODERATOR_REPLACED, account.id(),
                    account.departmentId(), moderator, newModerator, newModerator.equals(successor)
                            ? "named successor" : candidates.describe(newModerator), now));
        }
        Map<String, String> details = new TreeMap<>();
        details.put("contentOwner", owner + "->" + newOwner);
        details.put("backupModerator", moderator + "->" + newModerator);
        details.put("case", offboarding.id());
        journal.audit(AuditAction.ACCOUNT_REASSIGN, target(account), reason, details);
    }

    /** Mail to every new holder and to the owners of every department concerned; never a secret in it. */
    private void notify(OffboardingCase offboarding, PersonDetails leaver, List<OffboardingItem> items, Instant due) {
        Map<String, List<String>> lines = new LinkedHashMap<>();
        Map<String, List<String>> departmentOwners = new HashMap<>();
        for (OffboardingItem item : items) {
            if (item.toPerson() != null) {
                lines.computeIfAbsent(item.toPerson(), p -> new ArrayList<>()).add("- You are now "
                        + (item.kind() == Kind.CONTENT_OWNER_REPLACED ? "content owner" : "backup moderator")
                        + " of account " + accountName(item.accountId()) + "; please confirm the hand-over.");
            }
            if (item.kind() == Kind.ACCOUNT_TO_DGIT) {
                for (String admin : owners(null, leaver.id())) {
                    lines.computeIfAbsent(admin, p -> new ArrayList<>()).add("- Nobody could take over account "
                            + accountName(item.accountId()) + ": name its holders, then confirm the case's item.");
                }
            }
            if (item.kind() == Kind.ROTATION_REQUIRED && item.departmentId() != null) {
                for (String owner : departmentOwners.computeIfAbsent(item.departmentId(),
                        d -> owners(d, leaver.id()))) {
                    lines.computeIfAbsent(owner, p -> new ArrayList<>()).add("- Rotate the credentials of account "
                            + accountName(item.accountId()) + " by " + due + ".");
                }
            }
        }
        lines.forEach((personId, text) -> {
            PersonDetails person = people.find(personId).orElse(null);
            if (person != null && person.active()) {
                List<String> shown = text.size() > MAX_MAIL_LINES ? text.subList(0, MAX_MAIL_LINES) : text;
                String more = text.size() > shown.size() ? "\n- ... and " + (text.size() - shown.size())
                        + " more: see the case" : "";
                mail.enqueue(person.email(), "Offboarding of " + leaver.name() + ": accounts handed over to you",
                        "Hello " + person.name() + ",\n\n" + leaver.name() + " (employee " + leaver.employeeId()
                                + ") has left. Offboarding case " + offboarding.id() + ":\n\n"
                                + String.join("\n", shown) + more + "\n\nThe DGIT credential escrow\n");
            }
        });
    }

    /** The department's owners other than the leaver, or DGIT's admins if it has none (or for no department). */
    private List<String> owners(String departmentId, String leaverId) {
        List<String> owners = departmentId == null ? List.of()
                : roleHolders.departmentOwnersOtherThan(Set.of(departmentId), leaverId).getOrDefault(departmentId,
                        List.of());
        // The department's ownership fell to DGIT: its admins are told instead.
        return owners.isEmpty() ? roleHolders.dgitAdminsOtherThan(leaverId) : owners;
    }

    private String accountName(String accountId) {
        OfficialAccount account = em.find(OfficialAccount.class, accountId);
        return account == null ? accountId : account.displayName() + " (" + account.platform() + " "
                + account.handle() + ")";
    }

    private static AuditTrail.Target target(OfficialAccount account) {
        return new AuditTrail.Target("account", account.id(), account.departmentId());
    }

    private static void record(Journal journal, AuditAction action, AuditTrail.Target target,
            OffboardingCase offboarding, Map<String, String> details) {
        Map<String, String> withCase = new TreeMap<>(details);
        withCase.put("case", offboarding.id());
        journal.audit(action, target, "offboarding " + offboarding.id(), withCase);
    }

    /** What one transaction of a case produces: its items, and its audit entries, written together at the end. */
    private static final class Journal {

        private final List<OffboardingItem> items = new ArrayList<>();
        private final List<AuditTrail.Draft> entries = new ArrayList<>();

        void audit(AuditAction action, AuditTrail.Target target, String reason, Map<String, String> details) {
            entries.add(new AuditTrail.Draft(action, target, Outcome.ALLOWED, reason, details));
        }

        /** As the requesting caller when the case runs in the request, as the scheduler when it runs later. */
        void commit(EntityManager em, AuditTrail audit, Caller caller) {
            items.forEach(em::persist);
            if (caller.authenticated()) {
                audit.recordAll(caller.kind().name(), caller.id(), caller.name(), entries);
            } else {
                audit.recordAll("SYSTEM", null, "offboarding scheduler", entries);
            }
        }
    }

    /**
     * Who can step in on the leaver's accounts: the named successor, the accounts' other holders, the departments'
     * other owners (longest-standing first), then DGIT admins. Their person rows are locked (in id order, so two
     * hand-overs cannot deadlock on them) until the hand-over commits, and only people who are active and not being
     * offboarded themselves (a case due or with access ended) are chosen: two people who leave at the same moment
     * never hand their accounts to each other.
     */
    private final class Candidates {

        private final String leaverId;
        private final String successor;
        private final Set<String> eligible = new HashSet<>();
        private final Map<String, List<String>> owners = new HashMap<>();
        private final List<String> admins = new ArrayList<>();

        Candidates(OffboardingCase offboarding, List<OfficialAccount> held) {
            this.leaverId = offboarding.personId();
            Set<String> departments = new HashSet<>();
            Set<String> ids = new TreeSet<>();
            for (OfficialAccount account : held) {
                departments.add(account.departmentId());
                ids.add(account.contentOwnerId());
                ids.add(account.backupModeratorId());
            }
            Map<String, List<String>> ownerGrants = roleHolders.departmentOwnersOtherThan(departments, leaverId);
            ownerGrants.values().forEach(ids::addAll);
            List<String> adminGrants = roleHolders.dgitAdminsOtherThan(leaverId);
            ids.addAll(adminGrants);
            if (offboarding.successorId() != null) {
                ids.add(offboarding.successorId());
            }
            ids.remove(leaverId);
            Set<String> leaving = new HashSet<>(em.createNamedQuery(OffboardingCase.PEOPLE_LEAVING, String.class)
                    .setParameter("now", Instant.now()).getResultList());
            people.lockActive(ids).stream().filter(id -> !leaving.contains(id)).forEach(eligible::add);
            ownerGrants.forEach((department, people) -> owners.put(department,
                    people.stream().filter(eligible::contains).distinct().toList()));
            adminGrants.stream().filter(eligible::contains).forEach(admins::add);
            this.successor = offboarding.successorId() != null && eligible.contains(offboarding.successorId())
                    ? offboarding.successorId() : null;
        }

        /** The successor HR named, if they can take over: an active person other than the leaver, not leaving. */
        String successor() {
            return successor;
        }

        boolean eligible(String personId) {
            return eligible.contains(personId);
        }

        /** The department's first eligible owner other than {@code other}, else the first such DGIT admin; or null. */
        String stewardOtherThan(String departmentId, String other) {
            for (String candidate : owners.getOrDefault(departmentId, List.of())) {
                if (!candidate.equals(other)) {
                    return candidate;
                }
            }
            return admins.stream().filter(a -> !a.equals(other)).findFirst().orElse(null);
        }

        String describe(String personId) {
            return admins.contains(personId) && owners.values().stream().noneMatch(o -> o.contains(personId))
                    ? "DGIT admin (last resort)" : "department owner";
        }
    }
}
