package edu.ucla.dgsom.escrow.access.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.ucla.dgsom.escrow.security.Secrets;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class RecoveryCodeTest {

    @Test
    void a_recovery_code_carries_at_least_112_random_bits_in_readable_groups() {
        String code = Secrets.newRecoveryCode();
        // 25 characters of a 32-letter alphabet: 125 bits.
        assertTrue(code.matches("[A-HJ-NP-Z2-9]{5}(-[A-HJ-NP-Z2-9]{5}){4}"), code);
    }

    @Test
    void a_code_is_stored_salted_and_matches_however_it_is_typed_until_used() throws Exception {
        String code = Secrets.newRecoveryCode();
        RecoveryCode one = RecoveryCode.issue("p", 1, code);
        RecoveryCode two = RecoveryCode.issue("p", 1, code);
        assertNotEquals(digestOf(one), digestOf(two), "salted: the same code has two digests");
        assertFalse(digestOf(one).contains(Secrets.sha256Hex(code)), "not the plain SHA-256 of the code");
        assertTrue(one.matches(code));
        assertTrue(one.matches(" " + code.toLowerCase(Locale.ROOT).replace("-", "") + " "));
        assertFalse(one.matches(Secrets.newRecoveryCode()));
        one.use(Instant.now());
        assertFalse(one.matches(code), "used once");
    }

    @Test
    void a_code_issued_before_salting_still_matches_once() throws Exception {
        RecoveryCode old = RecoveryCode.issue("p", 1, "unused");
        Field hash = RecoveryCode.class.getDeclaredField("codeHash");
        hash.setAccessible(true);
        hash.set(old, Secrets.sha256Hex("ABCD-EFGH-JKLM"));
        assertTrue(old.matches("abcd-efgh-jklm"));
        assertFalse(old.matches("ABCD-EFGH-JKLN"));
        assertEquals(64, digestOf(old).length());
    }

    private static String digestOf(RecoveryCode code) throws Exception {
        Field hash = RecoveryCode.class.getDeclaredField("codeHash");
        hash.setAccessible(true);
        return (String) hash.get(code);
    }
}
