package edu.ucla.dgsom.escrow.access.control;

import edu.ucla.dgsom.escrow.notifications.control.MailOutbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Tells every active DGIT admin that someone signed in with a local password while sign-in goes through the campus
 * provider: break-glass access is for when the provider is down, and each use should be known. Queued in the
 * sign-in's own transaction, so there is no break-glass session without its alerts.
 */
@ApplicationScoped
public class BreakGlassAlert {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Inject
    RoleHolders roleHolders;

    @Inject
    People people;

    @Inject
    MailOutbox mail;

    public void signedIn(PersonDetails person, String username, String address, Instant at) {
        String body = "Hello,\n\n" + person.name() + " (username " + username + ") signed in to the credential escrow"
                + " with a local password, bypassing campus sign-in, at " + WHEN.format(at) + " from " + address
                + ".\n\nBreak-glass sign-in is meant for when the campus provider is unavailable. If this was not"
                + " expected, review the audit trail and the person's sessions now.\n\nThe DGIT credential escrow\n";
        people.activeAmong(roleHolders.dgitAdmins()).stream().filter(admin -> admin.email() != null)
                .forEach(admin -> mail.enqueue(admin.email(),
                "Break-glass sign-in by " + person.name(), body));
    }
}
