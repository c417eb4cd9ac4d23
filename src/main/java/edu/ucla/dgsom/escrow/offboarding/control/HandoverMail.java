package edu.ucla.dgsom.escrow.offboarding.control;

import edu.ucla.dgsom.escrow.access.control.People;
import edu.ucla.dgsom.escrow.access.control.PersonDetails;
import edu.ucla.dgsom.escrow.access.control.RoleHolders;
import edu.ucla.dgsom.escrow.accounts.control.Holdings;
import edu.ucla.dgsom.escrow.notifications.control.MailOutbox;
import edu.ucla.dgsom.escrow.offboarding.entity.OffboardingCase;
import edu.ucla.dgsom.escrow.offboarding.entity.OffboardingItem;
import edu.ucla.dgsom.escrow.offboarding.entity.OffboardingItem.Kind;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What a hand-over tells people by mail, in the hand-over's transaction (the outbox); never a secret in it. */
@Stateless
public class HandoverMail {

    /** A mail lists this many accounts at most; the case lists them all. */
    private static final int MAX_MAIL_LINES = 100;

    @Inject
    MailOutbox mail;

    @Inject
    Holdings holdings;

    @Inject
    People people;

    @Inject
    RoleHolders roleHolders;

    /** Tells DGIT's active admins that the leaver was their last admin with MFA; false if nobody is left to tell. */
    public boolean noAdminLeft(OffboardingCase offboarding, PersonDetails leaver) {
        List<PersonDetails> admins = owners(null, leaver.id()).stream().map(people::find).flatMap(Optional::stream)
                .filter(PersonDetails::active).toList();
        for (PersonDetails admin : admins) {
            mail.enqueue(admin.email(), "DGIT has no admin with MFA left", "Hello " + admin.name() + ",\n\n"
                    + leaver.name() + " (employee " + leaver.employeeId() + ") has left and was DGIT's last active"
                    + " admin with MFA. Their access has ended. Enrol MFA now (or have an operator name another DGIT"
                    + " admin), then confirm the item of offboarding case " + offboarding.id() + ".\n\n"
                    + "The DGIT credential escrow\n");
        }
        return !admins.isEmpty();
    }

    /** Mail to every new holder and to the owners of every department concerned, one mail a person. */
    public void handedOver(OffboardingCase offboarding, PersonDetails leaver, List<OffboardingItem> items,
            Instant due) {
        Map<String, List<String>> lines = new LinkedHashMap<>();
        Map<String, List<String>> departmentOwners = new HashMap<>();
        for (OffboardingItem item : items) {
            if (item.namesNewHolder()) {
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
        lines.forEach((personId, text) -> people.find(personId).filter(PersonDetails::active)
                .ifPresent(person -> send(offboarding, leaver, person, text)));
    }

    private void send(OffboardingCase offboarding, PersonDetails leaver, PersonDetails person, List<String> text) {
        List<String> shown = text.size() > MAX_MAIL_LINES ? text.subList(0, MAX_MAIL_LINES) : text;
        String more = text.size() > shown.size() ? "\n- ... and " + (text.size() - shown.size())
                + " more: see the case" : "";
        mail.enqueue(person.email(), "Offboarding of " + leaver.name() + ": accounts handed over to you",
                "Hello " + person.name() + ",\n\n" + leaver.name() + " (employee " + leaver.employeeId()
                        + ") has left. Offboarding case " + offboarding.id() + ":\n\n"
                        + String.join("\n", shown) + more + "\n\nThe DGIT credential escrow\n");
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
        return holdings.describe(accountId);
    }
}
