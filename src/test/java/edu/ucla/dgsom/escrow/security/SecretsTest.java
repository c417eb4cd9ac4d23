package edu.ucla.dgsom.escrow.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void a_sessions_csrf_token_is_derived_from_its_token_again_and_again_and_differs_between_sessions() {
        String session = Secrets.newToken("esc_s_");
        String csrf = Secrets.csrfTokenOf(session);
        assertEquals(csrf, Secrets.csrfTokenOf(session));
        assertNotEquals(csrf, Secrets.csrfTokenOf(Secrets.newToken("esc_s_")));
        assertTrue(csrf.matches("esc_c_[A-Za-z0-9_-]{43}"), csrf);
        assertFalse(csrf.contains(session.substring("esc_s_".length(), 20)));
    }

    @Test
    void the_csrf_token_is_hmac_sha256_of_csrf_keyed_with_the_session_token() throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("esc_s_abc".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "HmacSHA256"));
        String expected = "esc_c_" + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal("csrf".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertEquals(expected, Secrets.csrfTokenOf("esc_s_abc"));
    }
}
