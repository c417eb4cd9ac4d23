package edu.ucla.dgsom.escrow.notifications.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** A message waiting in the outbox until the SMTP server has accepted it. Never carries a secret. */
@Entity
@Table(name = "mail_outbox")
public class OutboxMail {

    private static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    private static final Duration LONGEST_RETRY = Duration.ofHours(1);

    @Id
    private String id;

    @Column(nullable = false, updatable = false)
    private String recipient;

    @Column(nullable = false, updatable = false)
    private String subject;

    @Column(nullable = false, updatable = false)
    private String body;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Column(name = "last_error")
    private String lastError;

    /** Who is sending it now: set by {@link #claim}, cleared by the attempt's outcome. */
    @Column(name = "claim")
    private String claim;

    protected OutboxMail() {
    }

    public OutboxMail(String recipient, String subject, String body, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.recipient = recipient;
        this.subject = subject;
        this.body = body;
        this.createdAt = now.truncatedTo(ChronoUnit.MICROS);
        this.nextAttemptAt = this.createdAt;
    }

    /**
     * Takes the message for one attempt: no instance sees it due again until the lease ends, when another one may
     * take it over from an instance that died while sending.
     */
    public void claim(String claimId, Instant now, Duration lease) {
        claim = claimId;
        nextAttemptAt = now.plus(lease).truncatedTo(ChronoUnit.MICROS);
    }

    /** Whether the attempt under {@code claimId} may still send it: not sent yet, and not taken over since. */
    public boolean claimedBy(String claimId) {
        return sentAt == null && claimId.equals(claim);
    }

    public void sent(Instant now) {
        claim = null;
        attempts++;
        sentAt = now.truncatedTo(ChronoUnit.MICROS);
        lastError = null;
    }

    /** Schedules the next attempt with exponential back-off: 5 s, 10 s, 20 s... at most an hour. */
    public void failed(String error, Instant now) {
        claim = null;
        attempts++;
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(attempts - 1, 20));
        nextAttemptAt = now.plus(wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait)
                .truncatedTo(ChronoUnit.MICROS);
        lastError = error.length() > 300 ? error.substring(0, 300) : error;
    }

    public String id() {
        return id;
    }

    public String recipient() {
        return recipient;
    }

    public String subject() {
        return subject;
    }

    public String body() {
        return body;
    }

    public int attempts() {
        return attempts;
    }
}
