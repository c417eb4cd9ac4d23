package edu.ucla.dgsom.escrow.offboarding.control;

import edu.ucla.dgsom.escrow.access.entity.ApiToken;
import edu.ucla.dgsom.escrow.access.entity.Person;
import edu.ucla.dgsom.escrow.access.entity.RoleGrant;
import edu.ucla.dgsom.escrow.access.entity.SignIn;
import edu.ucla.dgsom.escrow.access.entity.SignInSession;
import edu.ucla.dgsom.escrow.accounts.entity.OfficialAccount;
import edu.ucla.dgsom.escrow.audit.control.AuditAction;
import edu.ucla.dgsom.escrow.audit.control.AuditRecords;
import edu.ucla.dgsom.escrow.audit.control.AuditTrail;
import edu.ucla.dgsom.escrow.audit.control.Outcome;
import edu.ucla.dgsom.escrow.notifications.control.MailOutbox;
import edu.ucla.dgsom.escrow.offboarding.entity.OffboardingCase;
import edu.ucla.dgsom.escrow.offboarding.entity.OffboardingItem;
import edu.ucla.dgsom.escrow.offboarding.entity.OffboardingItem.Kind;
import edu.ucla.dgsom.escrow.security.Caller;
import edu.ucla.dgsom.escrow.security.Role;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What happens at a case's effective time, in one transaction (docs/offboarding.md): the leaver's sign-in, sessions
 * and API tokens end; every account they held gets a new holder; their department ownership falls to DGIT; every
 * credential they could reveal, or did reveal, is flagged for rotation; new holders and department owners are told
 * by mail. Either all of it commits or none of it: a crash leaves the case scheduled, and it runs again.
 */
@Stateless
public class Handover {

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
    @ConfigProperty(name = "escrow.offboarding.rotation-due-days", defaultValue = "7")
    int rotationDueDays;

    /** Runs the case's steps; the caller holds the case's row lock and has checked that it is due. */
    public void execute(OffboardingCase offboarding) {
        Instant now = Instant.now();
        Journal journal = new Journal();
        Person leaver = em.find(Person.class, offboarding.personId(), LockModeType.PESSIMISTIC_WRITE);
        endAccess(offboarding, leaver, now, journal);

        List<RoleGrant> grants = em.createNamedQuery(RoleGrant.OF_PERSON, RoleGrant.class)
                .setParameter("person", leaver.id()).getResultList();
        boolean wasAdmin = grants.stream().anyMatch(g -> g.role() == Role.DGIT_ADMIN);
        Set<String> ownedDepartments = new LinkedHashSet<>();
        grants.stream().filter(g -> g.role() == Role.DEPARTMENT_OWNER)
                .forEach(g -> ownedDepartments.add(g.departmentId()));

        List<OfficialAccount> held = em.createNamedQuery(OfficialAccount.HELD_BY, OfficialAccount.class)
                .setParameter("person", leaver.id()).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        Map<String, OfficialAccount> toRotate = new LinkedHashMap<>();
        held.stream().filter(OfficialAccount::hasCredentials).forEach(a -> toRotate.put(a.id(), a));

        Candidates candidates = new Candidates(leaver.id(), validSuccessor(offboarding, leaver));
        for (OfficialAccount account : held) {
            reassign(offboarding, account, leaver.id(), candidates, now, journal);
        }

        // Every role goes: a person reactivated later (e.g. rehired) starts with none.
        for (RoleGrant grant : grants) {
            em.remove(grant);
            if (grant.role() == Role.DEPARTMENT_OWNER) {
                journal.items.add(OffboardingItem.done(offboarding.id(), Kind.DEPARTMENT_OWNERSHIP_TO_DGIT,
                        grant.departmentId(), "DGIT holds the department until a new owner is named", now));
            }
            Map<String, String> details = new TreeMap<>(Map.of("role", grant.role().name()));
            if (grant.departmentId() != null) {
                details.put("department", grant.departmentId());
            }
            record(journal, AuditAction.ROLE_REVOKE, new AuditTrail.Target("person", leaver.id(),
                    grant.departmentId()), offboarding, details);
        }

        if (wasAdmin) {
            em.createNamedQuery(OfficialAccount.WITH_CREDENTIALS, OfficialAccount.class).getResultList()
                    .forEach(a -> toRotate.putIfAbsent(a.id(), a));
        } else if (!ownedDepartments.isEmpty()) {
            em.createNamedQuery(OfficialAccount.WITH_CREDENTIALS_IN, OfficialAccount.class)
                    .setParameter("departments", ownedDepartments).getResultList()
                    .forEach(a -> toRotate.putIfAbsent(a.id(), a));
        }
        Set<String> revealed = records.targetsActedOn(leaver.id(), AuditAction.CREDENTIAL_REVEAL, "account");
        for (String accountId : revealed) {
            if (!toRotate.containsKey(accountId)) {
                Optional.ofNullable(em.find(OfficialAccount.class, accountId)).filter(OfficialAccount::hasCredentials)
                        .ifPresent(a -> toRotate.put(a.id(), a));
            }
        }
        Instant due = now.plus(Duration.ofDays(rotationDueDays));
        for (OfficialAccount account : toRotate.values()) {
            account.requireRotation(now, due);
            String why = held.contains(account) ? "held by the leaver"
                    : revealed.contains(account.id()) ? "revealed by the leaver" : "revealable by the leaver";
            journal.items.add(OffboardingItem.rotation(offboarding.id(), account.id(), account.departmentId(), why,
                    due, now));
            record(journal, AuditAction.OFFBOARDING_STEP, target(account), offboarding, Map.of("step",
                    "rotation-required", "due", due.toString(), "why", why));
        }

        journal.items.forEach(em::persist);
        notify(offboarding, leaver, journal.items, due);
        offboarding.executed(now);
        record(journal, AuditAction.OFFBOARDING_STEP, new AuditTrail.Target("offboarding", offboarding.id(),
                leaver.departmentId()), offboarding, Map.of("step", "executed", "accountsReassigned",
                Integer.toString(held.size()), "rotationsRequired", Integer.toString(toRotate.size())));
        // As the requesting caller when the case runs in the request, as the scheduler when it runs later.
        if (caller.authenticated()) {
            audit.recordAll(caller.kind().name(), caller.id(), caller.name(), journal.entries);
        } else {
            audit.recordAll("SYSTEM", null, "offboarding scheduler", journal.entries);
        }
    }

    private void endAccess(OffboardingCase offboarding, Person leaver, Instant now, Journal journal) {
        SignIn signIn = em.find(SignIn.class, leaver.id(), LockModeType.PESSIMISTIC_WRITE);
        if (signIn != null) {
            signIn.disable();
        }
        int sessions = em.createNamedQuery(SignInSession.DELETE_OF_PERSON).setParameter("person", leaver.id())
                .executeUpdate();
        // Tokens issued to the person, and those they issued: they have seen those secrets.
        List<ApiToken> tokens = em.createNamedQuery(ApiToken.LIVE_OF_PERSON, ApiToken.class)
                .setParameter("person", leaver.id()).setParameter("creator", "person:" + leaver.id()).getResultList();
        tokens.forEach(t -> t.revoke(now));
        leaver.offboard(now);
        journal.items.add(OffboardingItem.done(offboarding.id(), Kind.SIGN_IN_DISABLED, null,
                signIn == null ? "had no sign-in" : "sign-in disabled", now));
        journal.items.add(OffboardingItem.done(offboarding.id(), Kind.SESSIONS_REVOKED, null,
                sessions + " revoked", now));
        journal.items.add(OffboardingItem.done(offboarding.id(), Kind.TOKENS_REVOKED, null,
                tokens.size() + " revoked", now));
        record(journal, AuditAction.OFFBOARDING_STEP, new AuditTrail.Target("person", leaver.id(),
                leaver.departmentId()), offboarding, Map.of("step", "access-ended", "sessions",
                Integer.toString(sessions), "tokens", Integer.toString(tokens.size())));
    }

    /** Replaces the leaver on one account, by the rules in docs/offboarding.md. */
    private void reassign(OffboardingCase offboarding, OfficialAccount account, String leaverId,
            Candidates candidates, Instant now, Journal journal) {
        String owner = account.contentOwnerId();
        String moderator = account.backupModeratorId();
        String successor = candidates.successor();
        String newOwner = owner;
        String newModerator = moderator;
        String remaining = leaverId.equals(owner) ? moderator : owner;
        if (!candidates.active(remaining)) {
            // The other holder has left too: both places are filled anew.
            newOwner = successor != null ? successor : candidates.stewardOtherThan(account.departmentId(), null);
            newModerator = candidates.stewardOtherThan(account.departmentId(), newOwner);
        } else if (leaverId.equals(owner)) {
            if (successor != null && !successor.equals(moderator)) {
                newOwner = successor;
            } else {
                newOwner = moderator;
                newModerator = candidates.stewardOtherThan(account.departmentId(), newOwner);
            }
        } else {
            newModerator = successor != null && !successor.equals(owner) ? successor
                    : candidates.stewardOtherThan(account.departmentId(), owner);
        }
        account.assign(newOwner, newModerator);
        account.touch("offboarding:" + offboarding.id(), now);
        String reason = "offboarding " + offboarding.id();
        if (!newOwner.equals(owner)) {
            journal.items.add(OffboardingItem.replaced(offboarding.id(), Kind.CONTENT_OWNER_REPLACED, account.id(),
                    account.departmentId(), owner, newOwner, newOwner.equals(moderator) ? "backup moderator promoted"
                            : "named successor", now));
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

    /** The successor HR named, if they can take over: an active person other than the leaver. */
    private String validSuccessor(OffboardingCase offboarding, Person leaver) {
        if (offboarding.successorId() == null || offboarding.successorId().equals(leaver.id())) {
            return null;
        }
        Person successor = em.find(Person.class, offboarding.successorId());
        return successor != null && successor.active() ? successor.id() : null;
    }

    /** Mail to every new holder and to the owners of every department concerned; never a secret in it. */
    private void notify(OffboardingCase offboarding, Person leaver, List<OffboardingItem> items, Instant due) {
        Map<String, List<String>> lines = new LinkedHashMap<>();
        Map<String, List<String>> departmentOwners = new HashMap<>();
        for (OffboardingItem item : items) {
            if (item.toPerson() != null) {
                lines.computeIfAbsent(item.toPerson(), p -> new ArrayList<>()).add("- You are now "
                        + (item.kind() == Kind.CONTENT_OWNER_REPLACED ? "content owner" : "backup moderator")
                        + " of account " + accountName(item.accountId()) + "; please confirm the hand-over.");
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
            Person person = em.find(Person.class, personId);
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

    private List<String> owners(String departmentId, String leaverId) {
        List<String> owners = new ArrayList<>();
        for (RoleGrant grant : em.createNamedQuery(RoleGrant.OF_ROLE, RoleGrant.class)
                .setParameter("role", Role.DEPARTMENT_OWNER).getResultList()) {
            if (departmentId.equals(grant.departmentId()) && !grant.personId().equals(leaverId)) {
                owners.add(grant.personId());
            }
        }
        if (owners.isEmpty()) {
            // The department's ownership fell to DGIT: its admins are told instead.
            em.createNamedQuery(RoleGrant.OF_ROLE, RoleGrant.class).setParameter("role", Role.DGIT_ADMIN)
                    .getResultList().stream().map(RoleGrant::personId).filter(p -> !p.equals(leaverId)).distinct()
                    .forEach(owners::add);
        }
        return owners;
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

    /** What one execution produces: its items, and its audit entries, written together at the end. */
    private static final class Journal {

        private final List<OffboardingItem> items = new ArrayList<>();
        private final List<AuditTrail.Draft> entries = new ArrayList<>();

        void audit(AuditAction action, AuditTrail.Target target, String reason, Map<String, String> details) {
            entries.add(new AuditTrail.Draft(action, target, Outcome.ALLOWED, reason, details));
        }
    }

    /**
     * Who can step in on an account: the department's other owners first (longest-standing first), then DGIT
     * admins; never the leaver, never someone offboarded. Looked up once per case.
     */
    private final class Candidates {

        private final String leaverId;
        private final String successor;
        private final Map<String, List<String>> owners = new HashMap<>();
        private List<String> admins;

        Candidates(String leaverId, String successor) {
            this.leaverId = leaverId;
            this.successor = successor;
        }

        String successor() {
            return successor;
        }

        boolean active(String personId) {
            Person person = em.find(Person.class, personId);
            return person != null && person.active();
        }

        String stewardOtherThan(String departmentId, String other) {
            for (String candidate : owners.computeIfAbsent(departmentId, d -> active(Role.DEPARTMENT_OWNER, d))) {
                if (!candidate.equals(other)) {
                    return candidate;
                }
            }
            if (admins == null) {
                admins = active(Role.DGIT_ADMIN, null);
            }
            return admins.stream().filter(a -> !a.equals(other)).findFirst().orElseThrow(() ->
                    new IllegalStateException("no department owner or DGIT admin can take over an account"));
        }

        String describe(String personId) {
            return admins != null && admins.contains(personId) ? "DGIT admin (last resort)" : "department owner";
        }

        private List<String> active(Role role, String departmentId) {
            List<String> people = new ArrayList<>();
            for (RoleGrant grant : em.createNamedQuery(RoleGrant.OF_ROLE, RoleGrant.class).setParameter("role", role)
                    .getResultList()) {
                if (Objects.equals(departmentId, grant.departmentId()) && !grant.personId().equals(leaverId)
                        && !people.contains(grant.personId())) {
                    Person person = em.find(Person.class, grant.personId());
                    if (person != null && person.active()) {
                        people.add(person.id());
                    }
                }
            }
            return people;
        }
    }
}
