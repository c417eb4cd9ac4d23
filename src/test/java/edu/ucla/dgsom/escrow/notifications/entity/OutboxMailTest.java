package edu.ucla.dgsom.escrow.notifications.entity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OutboxMailTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void only_the_latest_claim_may_send_and_only_until_the_message_is_sent() {
        OutboxMail mail = new OutboxMail("a@dgit.test", "Subject", "Body", NOW);
        mail.claim("dead", NOW, Duration.ofMinutes(2));
        mail.claim("taker", NOW.plusSeconds(121), Duration.ofMinutes(2));
        assertFalse(mail.claimedBy("dead"), "taken over after the lease");
        assertTrue(mail.claimedBy("taker"));
        mail.sent(NOW.plusSeconds(122));
        assertFalse(mail.claimedBy("taker"), "sent once");
    }

    @Test
    void a_failed_attempt_gives_up_its_claim() {
        OutboxMail mail = new OutboxMail("a@dgit.test", "Subject", "Body", NOW);
        mail.claim("first", NOW, Duration.ofMinutes(2));
        mail.failed("MailConnectException", NOW.plusSeconds(1));
        assertFalse(mail.claimedBy("first"));
    }
}
