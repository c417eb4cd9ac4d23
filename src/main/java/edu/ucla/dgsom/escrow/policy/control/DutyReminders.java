package edu.ucla.dgsom.escrow.policy.control;

import edu.ucla.dgsom.escrow.access.control.People;
import edu.ucla.dgsom.escrow.access.control.PersonDetails;
import edu.ucla.dgsom.escrow.accounts.control.Holdings;
import edu.ucla.dgsom.escrow.audit.control.AuditAction;
import edu.ucla.dgsom.escrow.audit.control.AuditTrail;
import edu.ucla.dgsom.escrow.audit.control.Outcome;
import edu.ucla.dgsom.escrow.notifications.control.Mail;
import edu.ucla.dgsom.escrow.notifications.control.ReminderKey;
import edu.ucla.dgsom.escrow.notifications.control.ReminderSource;
import edu.ucla.dgsom.escrow.notifications.control.Reminders;
import edu.ucla.dgsom.escrow.policy.entity.HolderDuty;
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
 * Reminds a holder who has not acknowledged their duties within the period (policy I.2; 14 days by default), once per
 * duty: the duty ends when someone else takes the holder's place, and the next holder's duty is a new one.
 */
@Stateless
public class DutyReminders implements ReminderSource {

    static final String TOPIC = "DUTY";
    private static final String CYCLE = "1";
    private static final String STAGE = "UNACKNOWLEDGED";

    @PersistenceContext
    EntityManager em;

    @Inject
    Duties duties;

    @Inject
    Reminders reminders;

    @Inject
    People people;

    @Inject
    Holdings holdings;

    @Inject
    AuditTrail audit;

    @Override
    public List<ReminderKey> due(Instant now) {
        return em.createNamedQuery(HolderDuty.AWAITING_SINCE, String.class)
                .setParameter("since", now.minus(duties.acknowledgeWithin())).getResultStream()
                .map(DutyReminders::key).toList();
    }

    /** The duty's row stays locked until the reminder commits: an acknowledgement waits, or wins. */
    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean remindIfDue(String dutyId, Instant now) {
        HolderDuty duty = em.find(HolderDuty.class, dutyId, LockModeType.PESSIMISTIC_WRITE);
        if (duty == null || !duty.overdue(now, duties.acknowledgeWithin())) {
            return false;
        }
        List<Mail> mails = people.find(duty.personId()).filter(PersonDetails::active)
                .map(holder -> mail(holder, duty)).stream().toList();
        if (mails.isEmpty() || !reminders.sendOnce(key(duty.id()), mails)) {
            return false;
        }
        audit.record("SYSTEM", null, "duty reminders", AuditAction.POLICY_REMINDER, AuditTrail.Target.of("duty",
                duty.id()), Outcome.ALLOWED, null, Map.of("topic", TOPIC, "stage", STAGE, "account",
                duty.accountId(), "holder", duty.personId()));
        return true;
    }

    private Mail mail(PersonDetails holder, HolderDuty duty) {
        String account = holdings.describe(duty.accountId());
        return new Mail(holder.email(), "Acknowledge your duties for " + account, "Hello " + holder.name() + ",\n\n"
                + "You are the " + (duty.duty() == HolderDuty.Duty.CONTENT_OWNER ? "content owner" : "backup moderator")
                + " of the official account " + account + " since " + duty.assignedAt() + ", and have not yet"
                + " acknowledged the duties the DGSOM digital and social media policy gives you (patient privacy and"
                + " HIPAA, accurate content, consent, monitoring). Read them and acknowledge them in the escrow, under"
                + " Duties.\n\nThe DGIT credential escrow\n");
    }

    private static ReminderKey key(String dutyId) {
        return new ReminderKey(TOPIC, dutyId, CYCLE, STAGE);
    }
}
