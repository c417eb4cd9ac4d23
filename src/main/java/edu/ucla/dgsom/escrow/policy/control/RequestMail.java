package edu.ucla.dgsom.escrow.policy.control;

import edu.ucla.dgsom.escrow.access.control.People;
import edu.ucla.dgsom.escrow.access.control.PersonDetails;
import edu.ucla.dgsom.escrow.access.control.RoleHolders;
import edu.ucla.dgsom.escrow.notifications.control.MailOutbox;
import edu.ucla.dgsom.escrow.policy.entity.AccountRequest;
import edu.ucla.dgsom.escrow.security.Role;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who a request and its decision are told to, through the outbox: the DGIT Web Product Manager always (policy I: "should
 * inform the DGIT Web Product Manager"), the department's supervisors of a new request, the requester of a decision.
 */
@Stateless
public class RequestMail {

    private static final Logger LOG = Logger.getLogger(RequestMail.class.getName());

    @Inject
    MailOutbox mail;

    @Inject
    People people;

    @Inject
    RoleHolders roleHolders;

    /** The DGIT Web Product Manager's mailbox; none configured means they are not told (a warning says so). */
    @Inject
    @ConfigProperty(name = "escrow.policy.web-product-manager")
    Optional<String> webProductManager;

    public void requested(AccountRequest request) {
        String text = describe(request) + "\nRequested by " + name(request.requestedBy()) + " on "
                + request.requestedAt() + ".\n";
        toWebProductManager("Account request: " + request.displayName(), text);
        List<String> supervisors = roleHolders.forDepartment(Role.SUPERVISOR, request.departmentId());
        for (PersonDetails supervisor : people.activeAmong(supervisors)) {
            mail.enqueue(supervisor.email(), "Account request to decide: " + request.displayName(), "Hello "
                    + supervisor.name() + ",\n\n" + text + "\nAs a supervisor of the department, approve or reject it"
                    + " in the escrow (request " + request.id() + ").\n\nThe DGIT credential escrow\n");
        }
    }

    public void decided(AccountRequest request) {
        String text = describe(request) + "\n" + request.state() + " by " + name(request.decidedBy()) + " on "
                + request.decidedAt() + ": " + request.decisionComment() + "\n"
                + (request.lowFteAcknowledged() ? "The approver acknowledged the content owner's FTE below 0.25.\n"
                : "");
        toWebProductManager("Account request " + request.state().name().toLowerCase(Locale.ROOT) + ": "
                + request.displayName(), text);
        for (PersonDetails requester : people.activeAmong(List.of(request.requestedBy()))) {
            mail.enqueue(requester.email(), "Your account request was " + request.state().name().toLowerCase(Locale.ROOT)
                    + ": " + request.displayName(),
                    "Hello " + requester.name() + ",\n\n" + text + "\nThe DGIT credential escrow\n");
        }
    }

    private void toWebProductManager(String subject, String text) {
        if (webProductManager.filter(address -> !address.isBlank()).isEmpty()) {
            LOG.warning("escrow.policy.web-product-manager is not set: the DGIT Web Product Manager is not told");
            return;
        }
        mail.enqueue(webProductManager.get().strip(), subject, "Hello,\n\n" + text + "\nThe DGIT credential escrow\n");
    }

    private String describe(AccountRequest request) {
        return (request.kind() == AccountRequest.Kind.EXISTING ? "Approval after the fact of the account "
                : "A new official account ") + request.displayName() + " (" + request.platform()
                + (request.platformName() == null ? "" : " " + request.platformName()) + " " + request.handle()
                + ")\nPurpose: " + request.purpose() + "\nContent owner: " + name(request.contentOwnerId()) + " ("
                + request.contentOwnerFte() + " FTE for social media)\nBackup moderator: "
                + name(request.backupModeratorId()) + "\n";
    }

    private String name(String personId) {
        return people.find(personId).map(PersonDetails::name).orElse(personId);
    }
}
