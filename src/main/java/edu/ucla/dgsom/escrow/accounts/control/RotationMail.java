package edu.ucla.dgsom.escrow.accounts.control;

import edu.ucla.dgsom.escrow.access.control.People;
import edu.ucla.dgsom.escrow.access.control.PersonDetails;
import edu.ucla.dgsom.escrow.access.control.RoleHolders;
import edu.ucla.dgsom.escrow.accounts.entity.AccountStatus;
import edu.ucla.dgsom.escrow.accounts.entity.OfficialAccount;
import edu.ucla.dgsom.escrow.accounts.entity.RotationReminder;
import edu.ucla.dgsom.escrow.accounts.entity.RotationReminder.Audience;
import edu.ucla.dgsom.escrow.notifications.control.Mail;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What a rotation reminder says, and to whom: one mail per active person of its audience. Never a secret in it. */
@Stateless
public class RotationMail {

    @Inject
    People people;

    @Inject
    RoleHolders roleHolders;

    public List<Mail> reminding(OfficialAccount account, RotationReminder reminder) {
        String due = reminder.dueAt().atOffset(ZoneOffset.UTC).toLocalDate().toString();
        String subject = "Rotation reminder (" + reminder.stage() + "): " + account.platform() + " " + account.handle()
                + " " + switch (reminder.stage()) {
                    case D14 -> "is due in 14 days, on " + due;
                    case D3 -> "is due in 3 days, on " + due;
                    case DUE -> "is due today, " + due;
                    case OVERDUE7 -> "has been overdue since " + due;
                };
        List<Mail> mails = new ArrayList<>();
        for (PersonDetails person : audience(account, reminder.audience())) {
            mails.add(new Mail(person.email(), subject, "Hello " + person.name() + ",\n\nThe credentials of the"
                    + " official account \"" + account.displayName() + "\" (" + account.platform() + " "
                    + account.handle() + ", account " + account.id() + ") are due for rotation at " + reminder.dueAt()
                    + " (UTC). Rotating its password or TOTP seed in the escrow sets the next due date."
                    + (account.status() == AccountStatus.SUSPENDED
                    ? " The account is suspended: only DGIT admins may rotate its credentials." : "")
                    + "\n\nThe DGIT credential escrow\n"));
        }
        return mails;
    }

    /** The active people of {@code audience} for {@code account}, each once. */
    private List<PersonDetails> audience(OfficialAccount account, Audience audience) {
        Set<String> ids = new LinkedHashSet<>();
        if (audience != Audience.DGIT_ADMINS) {
            ids.add(account.contentOwnerId());
        }
        if (audience == Audience.CONTENT_OWNER_AND_DEPARTMENT_OWNERS) {
            List<PersonDetails> owners = people.activeAmong(roleHolders.departmentOwners(account.departmentId()));
            // The department's ownership fell to DGIT: its admins are told instead.
            (owners.isEmpty() ? people.activeAmong(roleHolders.dgitAdmins()) : owners)
                    .forEach(owner -> ids.add(owner.id()));
        }
        if (audience == Audience.DGIT_ADMINS) {
            ids.addAll(roleHolders.dgitAdmins());
        }
        return people.activeAmong(ids);
    }
}
