package edu.ucla.dgsom.escrow.accounts.control;

import edu.ucla.dgsom.escrow.access.control.People;
import edu.ucla.dgsom.escrow.access.control.PersonDetails;
import edu.ucla.dgsom.escrow.access.control.RoleHolders;
import edu.ucla.dgsom.escrow.accounts.entity.OfficialAccount;
import edu.ucla.dgsom.escrow.notifications.control.MailOutbox;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What a change of an account's status tells its holders and its department's owners, through the outbox. */
@Stateless
public class AccountMail {

    @Inject
    MailOutbox mail;

    @Inject
    People people;

    @Inject
    RoleHolders roleHolders;

    /** One mail to each active holder and department owner: the account, what happened, why, and what it means. */
    public void statusChanged(OfficialAccount account, String happened, String meaning) {
        for (PersonDetails person : concerned(account)) {
            mail.enqueue(person.email(), "Official account " + account.displayName() + " " + happened,
                    "Hello " + person.name() + ",\n\nDGIT has " + happened + " the official account "
                    + account.displayName() + " (" + account.platform() + " " + account.handle() + ").\n"
                    + "Reason: " + account.standing().statusReason() + "\n\n" + meaning + "\n\nThe DGIT credential escrow\n");
        }
    }

    private List<PersonDetails> concerned(OfficialAccount account) {
        Set<String> ids = new LinkedHashSet<>(List.of(account.contentOwnerId(), account.backupModeratorId()));
        ids.addAll(roleHolders.departmentOwners(account.departmentId()));
        return people.activeAmong(ids);
    }
}
