package edu.ucla.dgsom.escrow.policy.control;

import edu.ucla.dgsom.escrow.accounts.control.AccountAccess;
import edu.ucla.dgsom.escrow.accounts.control.AccountId;
import edu.ucla.dgsom.escrow.accounts.control.AccountRetired;
import edu.ucla.dgsom.escrow.accounts.control.HoldersAssigned;
import edu.ucla.dgsom.escrow.audit.control.AuditAction;
import edu.ucla.dgsom.escrow.audit.control.AuditTrail;
import edu.ucla.dgsom.escrow.audit.control.Outcome;
import edu.ucla.dgsom.escrow.policy.entity.HolderDuty;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import edu.ucla.dgsom.escrow.security.Caller;
import edu.ucla.dgsom.escrow.security.Role;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The duties of the content owner and the backup moderator (policy I.2): opened for each new holder in the transaction
 * that names them, acknowledged by the holder against the current policy version, ended when they are replaced or the
 * account is retired.
 */
@Stateless
public class Duties {

    private static final int ACCOUNTS_PER_QUERY = 1_000;

    /** The duties the policy's section I.2 gives content owners, in its words; the backup moderator shares them. */
    public static final List<DutyText> TEXT = List.of(
            new DutyText("PRIVACY_HIPAA", "Maintain compliance with DGSOM policies concerning patient privacy, HIPAA,"
                    + " and conflict of interest, DGSOM branding, and related policies. Obtain signed HIPAA"
                    + " authorization forms before posting or sharing any protected health information (PHI); never"
                    + " post or share PHI without proper written authorization, regardless of where it was first"
                    + " posted."),
            new DutyText("ACCURACY", "Ensure content is current, accurate, and respects copyrights and disclosures."
                    + " Proprietary financial, intellectual property, patient care, or similar sensitive or private"
                    + " content cannot be published."),
            new DutyText("CONSENT", "Gain the express consent of all involved parties for the right to distribute or"
                    + " publicize recordings, photos, images, video, text, slideshow presentations or artwork."),
            new DutyText("MONITORING", "Actively monitor postings."));

    /** One duty of the policy: a stable code and its text. */
    public record DutyText(String code, String text) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    AccountAccess access;

    /** The policy's revision the duties quote (its last revision: 11 October 2017). */
    @Inject
    @ConfigProperty(name = "escrow.policy.version", defaultValue = "2017-10-11")
    String policyVersion;

    @Inject
    @ConfigProperty(name = "escrow.duties.acknowledge-within", defaultValue = "P14D")
    Duration acknowledgeWithin;

    /** Ends the duty of a holder who was replaced and opens one for whoever replaced them. */
    public void assigned(@Observes HoldersAssigned assigned) {
        Instant now = Instant.now();
        Map<String, List<HolderDuty>> openByAccount = openOf(assigned.assignments().stream()
                .map(HoldersAssigned.Assignment::accountId).toList()).stream()
                .collect(Collectors.groupingBy(HolderDuty::accountId));
        for (HoldersAssigned.Assignment holders : assigned.assignments()) {
            List<HolderDuty> open = openByAccount.getOrDefault(holders.accountId(), List.of());
            Map.of(HolderDuty.Duty.CONTENT_OWNER, holders.contentOwnerId(), HolderDuty.Duty.BACKUP_MODERATOR,
                    holders.backupModeratorId()).forEach((duty, person) -> {
                        boolean held = open.stream().anyMatch(d -> d.duty() == duty && d.personId().equals(person));
                        if (!held) {
                            open.stream().filter(d -> d.duty() == duty).forEach(d -> d.end(now));
                            em.persist(new HolderDuty(holders.accountId(), duty, person, now));
                        }
                    });
        }
    }

    /** A retired account has no holders to remind. */
    public void retired(@Observes AccountRetired retired) {
        Instant now = Instant.now();
        openOf(retired.accountId()).forEach(duty -> duty.end(now));
    }

    public HolderDuty acknowledge(String id, String versionRead) {
        HolderDuty duty = em.find(HolderDuty.class, id, LockModeType.PESSIMISTIC_WRITE);
        AuditTrail.Target target = AuditTrail.Target.of("duty", id);
        if (duty == null || !caller.isPerson() || !duty.personId().equals(caller.id()) && !readsEveryone()) {
            throw audit.refuse(AuditAction.DUTY_ACKNOWLEDGE, target, null, "not visible to the caller",
                    ProblemException.notFound("Duty " + id));
        }
        audit.attempt(AuditAction.DUTY_ACKNOWLEDGE, target, null, () -> {
            duty.acknowledge(caller.id(), versionRead, policyVersion, Instant.now());
            return duty;
        });
        audit.record(AuditAction.DUTY_ACKNOWLEDGE, target, Outcome.ALLOWED, null, Map.of("account",
                duty.accountId(), "duty", duty.duty().name(), "policyVersion", duty.policyVersion()));
        return duty;
    }

    /** The caller's duties, newest first; a system's token holds none. */
    public List<HolderDuty> mine() {
        return caller.isPerson() ? ofPerson(caller.id()) : List.of();
    }

    /** The duties a person holds and held, newest first: the caller's own, or anyone's for DGIT and auditors. */
    public List<HolderDuty> ofPerson(String personId) {
        if (!personId.equals(caller.id()) && !readsEveryone()) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only DGIT admins and auditors read other people's"
                    + " duties; ask by account instead");
        }
        return em.createNamedQuery(HolderDuty.OF_PERSON, HolderDuty.class).setParameter("person", personId)
                .getResultList();
    }

    /** The duties of an account's holders, present and past; none for an account the caller may not see. */
    public List<HolderDuty> ofAccount(String accountId) {
        if (!access.visible(new AccountId(accountId))) {
            return List.of();
        }
        return em.createNamedQuery(HolderDuty.OF_ACCOUNT, HolderDuty.class).setParameter("account", accountId)
                .getResultList();
    }

    /**
     * The open duties of these accounts, for the compliance report and a hand-over, a thousand accounts per query
     * (an offboarding may name tens of thousands).
     */
    public List<HolderDuty> openOf(Collection<String> accountIds) {
        List<String> ids = List.copyOf(accountIds);
        List<HolderDuty> open = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += ACCOUNTS_PER_QUERY) {
            open.addAll(em.createNamedQuery(HolderDuty.OPEN_OF_ACCOUNTS, HolderDuty.class)
                    .setParameter("accounts", ids.subList(from, Math.min(ids.size(), from + ACCOUNTS_PER_QUERY)))
                    .getResultList());
        }
        return open;
    }

    private List<HolderDuty> openOf(String accountId) {
        return em.createNamedQuery(HolderDuty.OPEN_OF_ACCOUNT, HolderDuty.class).setParameter("account", accountId)
                .getResultList();
    }

    private boolean readsEveryone() {
        return caller.has(Role.DGIT_ADMIN) || caller.has(Role.AUDITOR);
    }

    public String policyVersion() {
        return policyVersion;
    }

    public Duration acknowledgeWithin() {
        return acknowledgeWithin;
    }
}
