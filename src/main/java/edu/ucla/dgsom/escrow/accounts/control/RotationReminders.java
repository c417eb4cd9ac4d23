package edu.ucla.dgsom.escrow.accounts.control;

import edu.ucla.dgsom.escrow.accounts.entity.OfficialAccount;
import edu.ucla.dgsom.escrow.accounts.entity.RotationReminder;
import edu.ucla.dgsom.escrow.audit.control.AuditAction;
import edu.ucla.dgsom.escrow.audit.control.AuditTrail;
import edu.ucla.dgsom.escrow.audit.control.Outcome;
import edu.ucla.dgsom.escrow.notifications.control.ReminderKey;
import edu.ucla.dgsom.escrow.notifications.control.ReminderSource;
import edu.ucla.dgsom.escrow.notifications.control.Reminders;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reminders of scheduled rotations (docs/accounts.md): 14 and 3 days before the due date to the content owner, at
 * the due date to the content owner and the department's owners, 7 days after to DGIT's admins; while an account is
 * suspended, every one to DGIT's admins. A flag an offboarding raised is mailed by the offboarding when raised.
 */
@Stateless
public class RotationReminders implements ReminderSource {

    static final String TOPIC = "ROTATION";

    /** The first reminder of a due date is this far ahead of it. */
    private static final Duration LOOK_AHEAD = Duration.ofDays(14);

    @PersistenceContext
    EntityManager em;

    @Inject
    Reminders reminders;

    @Inject
    RotationMail mail;

    @Inject
    AuditTrail audit;

    @Override
    public List<ReminderKey> due(Instant now) {
        return em.createNamedQuery(OfficialAccount.SCHEDULED_BEFORE, OfficialAccount.class)
                .setParameter("horizon", now.plus(LOOK_AHEAD)).getResultStream()
                .flatMap(account -> reminderAt(account, now).map(due -> key(account, due)).stream()).toList();
    }

    /** The account's row stays locked until the reminder and its audit entry commit: a rotation waits, or wins. */
    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean remindIfDue(String accountId, Instant now) {
        OfficialAccount account = em.find(OfficialAccount.class, accountId, LockModeType.PESSIMISTIC_WRITE);
        Optional<RotationReminder> due = account == null ? Optional.empty() : reminderAt(account, now);
        if (due.isEmpty() || !reminders.sendOnce(key(account, due.get()), mail.reminding(account, due.get()))) {
            return false;
        }
        audit.record("SYSTEM", null, "rotation reminders", AuditAction.POLICY_REMINDER, AccountAccess.target(account),
                Outcome.ALLOWED, null, Map.of("topic", TOPIC, "stage", due.get().stage().name(), "cycle",
                        due.get().cycle(), "audience", due.get().audience().name()));
        return true;
    }

    private static Optional<RotationReminder> reminderAt(OfficialAccount account, Instant now) {
        return account.rotation().reminderAt(now, account.status());
    }

    private static ReminderKey key(OfficialAccount account, RotationReminder reminder) {
        return new ReminderKey(TOPIC, account.id(), reminder.cycle(), reminder.stage().name());
    }
}
