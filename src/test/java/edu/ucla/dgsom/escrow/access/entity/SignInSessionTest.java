package edu.ucla.dgsom.escrow.access.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignInSessionTest {

    private static final Instant NOW = Instant.parse("2026-12-02T17:00:00Z");
    private static final Duration IDLE = Duration.ofMinutes(30);
    private static final Duration ABSOLUTE = Duration.ofHours(8);

    private static SignInSession session() {
        return new SignInSession("token-hash", "alice", "csrf-hash", NOW, ABSOLUTE, "192.0.2.7", "Firefox");
    }

    @Test
    void a_session_has_an_opaque_id_of_its_own_and_remembers_where_it_was_opened() {
        SignInSession session = session();
        SignInSession other = session();
        assertNotEquals(session.publicId(), other.publicId());
        assertFalse(session.publicId().contains("token-hash"));
        assertEquals("192.0.2.7", session.clientAddress());
        assertEquals("Firefox", session.userAgent());
        assertTrue(session.isTheOneWith("token-hash"));
        assertFalse(session.isTheOneWith("another-hash"));
    }

    @Test
    void its_times_are_kept_to_the_microsecond_as_the_database_keeps_them() {
        SignInSession session = new SignInSession("t", "alice", "c", NOW.plusNanos(1_234_567), ABSOLUTE, null, null);
        assertEquals(NOW.plusNanos(1_234_000).plus(ABSOLUTE), session.expiresAt());
    }

    @Test
    void a_user_agent_is_kept_without_control_characters_and_cut_to_a_sane_length() {
        assertNull(SignInSession.userAgentToKeep(null));
        assertNull(SignInSession.userAgentToKeep(" \t "));
        assertEquals("Mozilla/5.0 evil", SignInSession.userAgentToKeep(" Mozilla/5.0\r\n evil\u0000 "));
        String long_ = "x".repeat(1000);
        assertEquals(SignInSession.USER_AGENT_LENGTH, SignInSession.userAgentToKeep(long_).length());
        String emoji = "a".repeat(SignInSession.USER_AGENT_LENGTH - 1) + "\uD83D\uDE00tail";
        String kept = SignInSession.userAgentToKeep(emoji);
        assertEquals(SignInSession.USER_AGENT_LENGTH - 1, kept.length(), "never half a surrogate pair");
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

    @Test
    void a_session_the_provider_vouched_for_keeps_its_assurance_and_id_token() {
        SignInSession local = session();
        assertFalse(local.viaProvider());
        assertFalse(local.mfaByProvider());
        SignInSession vouched = session();
        vouched.vouchedForByProvider(ProviderAssurance.MULTI_FACTOR, "id-token");
        assertTrue(vouched.viaProvider());
        assertTrue(vouched.mfaByProvider());
        assertEquals("id-token", vouched.providerIdToken());
        SignInSession single = session();
        single.vouchedForByProvider(ProviderAssurance.SINGLE_FACTOR, "id-token");
        assertTrue(single.viaProvider());
        assertFalse(single.mfaByProvider());
    }
}
