package edu.ucla.dgsom.escrow.crypto.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Keys fit the database when they open the check value to the known text; the opened text is wiped after. */
class KeyCheckValueTest {

    @Test
    void keys_that_open_the_check_value_to_the_known_text_fit_and_the_text_is_wiped() {
        byte[] opened = KeyCheckValue.PLAINTEXT.clone();

        assertTrue(KeyCheckValue.opensToKnownText(new byte[0], (context, envelope) -> opened));
        assertArrayEquals(new byte[opened.length], opened);
    }

    @Test
    void keys_that_open_it_to_anything_else_do_not_fit() {
        assertFalse(KeyCheckValue.opensToKnownText(new byte[0],
                (context, envelope) -> "escrow key check, format 2".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void the_check_value_is_opened_for_its_own_context() {
        KeyCheckValue.opensToKnownText(new byte[0], (context, envelope) -> {
            assertTrue(context.equals(KeyCheckValue.CONTEXT));
            return new byte[0];
        });
    }
}
