package edu.ucla.dgsom.escrow.access.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProviderSignInTest {

    private static final Instant NOW = Instant.parse("2026-12-04T15:00:00Z");

    private static ProviderSignIn flow() {
        return new ProviderSignIn("token-hash", "the-state", "the-nonce", "the-verifier", NOW);
    }

    @Test
    void it_waits_for_the_answer_with_its_own_state_only() {
        ProviderSignIn flow = flow();
        assertTrue(flow.awaitsAnswerWith("the-state"));
        assertFalse(flow.awaitsAnswerWith("the-stat"));
        assertFalse(flow.awaitsAnswerWith("another-state"));
        assertFalse(flow.awaitsAnswerWith(null));
        assertFalse(flow.awaitsCode());
    }

    @Test
    void it_lives_ten_minutes() {
        ProviderSignIn flow = flow();
        assertFalse(flow.expiredAt(NOW.plus(ProviderSignIn.LIFETIME).minusSeconds(1)));
        assertTrue(flow.expiredAt(NOW.plus(ProviderSignIn.LIFETIME)));
    }

    @Test
    void once_the_provider_vouched_for_a_person_no_second_answer_is_taken() {
        ProviderSignIn flow = flow();
        flow.awaitCodeOf("person-1", "id-token");
        assertTrue(flow.awaitsCode());
        assertEquals("person-1", flow.personId());
        assertEquals("id-token", flow.idToken());
        assertFalse(flow.awaitsAnswerWith("the-state"), "a replayed answer");
        assertThrows(IllegalStateException.class, () -> flow.awaitCodeOf("person-2", "other"));
    }

    @Test
    void five_wrong_codes_use_it_up() {
        ProviderSignIn flow = flow();
        flow.awaitCodeOf("person-1", "id-token");
        for (int i = 1; i < ProviderSignIn.MAX_FAILED_CODES; i++) {
            assertFalse(flow.codeFailed(), "wrong code " + i);
        }
        assertTrue(flow.codeFailed());
    }
}
