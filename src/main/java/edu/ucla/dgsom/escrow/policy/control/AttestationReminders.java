package edu.ucla.dgsom.escrow.policy.control;

import edu.ucla.dgsom.escrow.access.control.Departments;
import edu.ucla.dgsom.escrow.access.control.People;
import edu.ucla.dgsom.escrow.access.control.PersonDetails;
import edu.ucla.dgsom.escrow.access.control.RoleHolders;
import edu.ucla.dgsom.escrow.audit.control.AuditAction;
import edu.ucla.dgsom.escrow.audit.control.AuditTrail;
import edu.ucla.dgsom.escrow.audit.control.Outcome;
import edu.ucla.dgsom.escrow.notifications.control.Mail;
import edu.ucla.dgsom.escrow.notifications.control.ReminderKey;
import edu.ucla.dgsom.escrow.notifications.control.ReminderSource;
import edu.ucla.dgsom.escrow.notifications.control.Reminders;
import edu.ucla.dgsom.escrow.policy.entity.Attestation;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A department's attestation still missing 7 days after its period opened is reminded to the department's owners
 * (DGIT's admins when it has none); after 14 days it is escalated to DGIT's admins. Each once, by the reminder ledger.
 */
@Stateless
public class AttestationReminders implements ReminderSource {

    static final String TOPIC = "ATTESTATION";

    @PersistenceContext
    EntityManager em;

    @Inject
    Reminders reminders;

    @Inject
    People people;

    @Inject
    RoleHolders roleHolders;

    @Inject
    Departments departments;

    @Inject
    AuditTrail audit;

    @Override
    public List<ReminderKey> due(Instant now) {
        return em.createNamedQuery(Attestation.AWAITING_SINCE, Attestation.class)
                .setParameter("since", now.minus(Attestation.REMIND_AFTER)).getResultStream()
                .flatMap(attestation -> attestation.reminderDue(now).map(due -> key(attestation, due)).stream())
                .toList();
    }

    /** The attestation's row stays locked until the reminder commits: an attestation waits, or wins. */
    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean remindIfDue(String attestationId, Instant now) {
        Attestation attestation = em.find(Attestation.class, attestationId, LockModeType.PESSIMISTIC_WRITE);
        if (attestation == null) {
            return false;
        }
        Attestation.Reminder due = attestation.reminderDue(now).orElse(null);
        if (due == null || !reminders.sendOnce(key(attestation, due), mails(attestation, due))) {
            return false;
        }
        attestation.escalate(now);
        audit.record("SYSTEM", null, "attestation reminders", AuditAction.POLICY_REMINDER, new AuditTrail.Target(
                "attestation", attestation.id(), attestation.departmentId()), Outcome.ALLOWED, null, Map.of("topic",
                TOPIC, "stage", due.name(), "cycle", attestation.periodId()));
        return true;
    }

    private List<Mail> mails(Attestation attestation, Attestation.Reminder due) {
        List<PersonDetails> owners = people.activeAmong(roleHolders.departmentOwners(attestation.departmentId()));
        List<PersonDetails> audience = due == Attestation.Reminder.REMINDER && !owners.isEmpty() ? owners
                : people.activeAmong(roleHolders.dgitAdmins());
        String department = departments.code(attestation.departmentId()).orElse(attestation.departmentId());
        String subject = (due == Attestation.Reminder.REMINDER ? "Attestation due: " : "Attestation missing: ")
                + "the compliance report of department " + department + " for " + attestation.periodId();
        return audience.stream().map(person -> new Mail(person.email(), subject, "Hello " + person.name() + ",\n\n"
                + "The compliance report of department " + department + " for the period "
                + attestation.periodId() + " has not been attested since " + attestation.openedAt() + ". "
                + (due == Attestation.Reminder.REMINDER ? "Read it and attest that it is correct, or list its"
                + " corrections, in the escrow."
                : "Its department owners did not attest it within 14 days: DGIT follows it up.")
                + "\n\nThe DGIT credential escrow\n")).toList();
    }

    private static ReminderKey key(Attestation attestation, Attestation.Reminder due) {
        return new ReminderKey(TOPIC, attestation.id(), attestation.periodId(), due.name());
    }
}
