package edu.ucla.dgsom.escrow.access.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignInSessionTest {

    private static final Instant NOW = Instant.parse("2026-12-02T17:00:00Z");
    private static final Duration IDLE = Duration.ofMinutes(30);
    private static final Duration ABSOLUTE = Duration.ofHours(8);

    private static SignInSession session() {
        return new SignInSession("token-hash", "alice", "csrf-hash", NOW, ABSOLUTE);
    }

    @Test
    void a_session_ends_when_idle_for_the_idle_timeout() {
        SignInSession session = session();
        assertTrue(session.liveAt(NOW.plus(IDLE).minusSeconds(1), IDLE));
        assertFalse(session.liveAt(NOW.plus(IDLE), IDLE));
    }

    @Test
    void activity_keeps_a_session_alive_past_the_idle_timeout() {
        SignInSession session = session();
        assertTrue(session.touch(NOW.plus(Duration.ofMinutes(20))));
        assertTrue(session.liveAt(NOW.plus(Duration.ofMinutes(45)), IDLE));
    }

    @Test
    void a_session_ends_at_its_absolute_timeout_however_active() {
        SignInSession session = session();
        for (Instant at = NOW; at.isBefore(NOW.plus(ABSOLUTE)); at = at.plus(Duration.ofMinutes(10))) {
            session.touch(at);
        }
        assertEquals(NOW.plus(ABSOLUTE), session.expiresAt());
        assertTrue(session.liveAt(NOW.plus(ABSOLUTE).minusSeconds(1), IDLE));
        assertFalse(session.liveAt(NOW.plus(ABSOLUTE), IDLE));
    }

    @Test
    void activity_is_written_at_most_every_thirty_seconds() {
        SignInSession session = session();
        assertFalse(session.touch(NOW.plusSeconds(30)));
        assertTrue(session.touch(NOW.plusSeconds(31)));
        assertFalse(session.touch(NOW.plusSeconds(45)));
    }
}
