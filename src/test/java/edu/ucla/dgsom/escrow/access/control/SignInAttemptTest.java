package edu.ucla.dgsom.escrow.access.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SignInAttemptTest {

    @Test
    void an_attempt_never_prints_its_password_codes_or_tokens() {
        String printed = new SignInAttempt("alice", "hunter2".toCharArray(), "123456", "rc-secret", "esc_d_device",
                "192.0.2.1", "Firefox", "esc_s_session").toString();
        assertTrue(printed.contains("alice"));
        for (String secret : new String[] {"hunter2", "123456", "rc-secret", "esc_d_device", "esc_s_session"}) {
            assertFalse(printed.contains(secret), secret);
        }
    }
}
