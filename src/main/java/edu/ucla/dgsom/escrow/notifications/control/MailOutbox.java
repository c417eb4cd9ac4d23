package edu.ucla.dgsom.escrow.notifications.control;

import edu.ucla.dgsom.escrow.notifications.entity.OutboxMail;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Notification mail through an outbox: {@link #enqueue} writes the message in the caller's transaction, so it is
 * sent if and only if what it reports was committed; {@link #deliverDue} hands due messages to the SMTP server and
 * retries failures with back-off, so a mail outage delays messages but loses none. Several instances share the work:
 * each message is claimed, with a lease, by the one sending it, and an instance that dies while sending is taken over
 * when the lease ends. A crash between the SMTP server's acceptance and the commit can send a message twice, never
 * zero times.
 */
@Stateless
public class MailOutbox {

    private static final Logger LOG = Logger.getLogger(MailOutbox.class.getName());
    /** The subject column's size (db/migration V6). */
    private static final int MAX_SUBJECT = 200;

    @PersistenceContext
    EntityManager em;

    @Inject
    @ConfigProperty(name = "escrow.mail.host")
    Optional<String> host;

    @Inject
    @ConfigProperty(name = "escrow.mail.port", defaultValue = "25")
    int port;

    @Inject
    @ConfigProperty(name = "escrow.mail.from", defaultValue = "escrow@localhost")
    String from;

    @Inject
    @ConfigProperty(name = "escrow.mail.starttls", defaultValue = "false")
    boolean startTls;

    /** Longer than an attempt can take (three SMTP timeouts of 10 s): only a dead instance's claim runs out. */
    @Inject
    @ConfigProperty(name = "escrow.mail.claim-lease", defaultValue = "PT2M")
    Duration claimLease;

    /** A subject longer than its column (a display name may have 200 characters) is cut, never the mail refused. */
    public void enqueue(String recipient, String subject, String body) {
        em.persist(new OutboxMail(recipient, subject.length() > MAX_SUBJECT ? subject.substring(0, MAX_SUBJECT)
                : subject, body, Instant.now()));
    }

    public boolean configured() {
        return host.filter(h -> !h.isBlank()).isPresent();
    }

    /**
     * Claims the most overdue message for one attempt, or returns empty when none is due. Its own transaction, committed
     * before anything is sent: on one database SKIP LOCKED keeps instances apart, and on a Galera cluster, where a lock
     * holds on one node only, two instances claiming the same message meet at commit and one of them fails there.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<MailClaim> claimNextDue() {
        Instant now = Instant.now();
        @SuppressWarnings("unchecked")
        List<OutboxMail> due = em.createNativeQuery("SELECT * FROM mail_outbox WHERE sent_at IS NULL"
                + " AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED", OutboxMail.class)
                .setParameter(1, now).getResultList();
        if (due.isEmpty()) {
            return Optional.empty();
        }
        MailClaim claim = new MailClaim(due.get(0).id(), UUID.randomUUID().toString());
        due.get(0).claim(claim.claimId(), now, claimLease);
        return Optional.of(claim);
    }

    /**
     * Hands a claimed message to the SMTP server, unless it was sent or taken over since, and records the outcome;
     * a failure is retried with back-off, so a mail outage delays messages but loses none.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void deliver(MailClaim claim) {
        OutboxMail mail = em.find(OutboxMail.class, claim.mailId(), LockModeType.PESSIMISTIC_WRITE);
        if (mail == null || !mail.claimedBy(claim.claimId())) {
            return;
        }
        try {
            MimeMessage message = new MimeMessage(session());
            message.setFrom(new InternetAddress(from));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.recipient(), true));
            message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
            message.setText(mail.body(), StandardCharsets.UTF_8.name());
            Transport.send(message);
            mail.sent(Instant.now());
        } catch (MessagingException | RuntimeException e) {
            mail.failed(e.getClass().getSimpleName(), Instant.now());
            LOG.warning(() -> "Mail " + mail.id() + " not sent (attempt " + mail.attempts() + ", "
                    + e.getClass().getSimpleName() + "); it will be retried");
        }
    }

    private Session session() {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", host.orElseThrow());
        properties.put("mail.smtp.port", Integer.toString(port));
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "10000");
        properties.put("mail.smtp.writetimeout", "10000");
        properties.put("mail.smtp.starttls.enable", Boolean.toString(startTls));
        properties.put("mail.smtp.starttls.required", Boolean.toString(startTls));
        return Session.getInstance(properties);
    }
}
