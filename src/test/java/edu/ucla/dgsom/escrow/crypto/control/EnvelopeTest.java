package edu.ucla.dgsom.escrow.crypto.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The stored form of a sealed value, byte by byte as docs/crypto.md gives it. */
class EnvelopeTest {

    private final Envelope envelope = new Envelope(1, 7, filled(40, 1), filled(12, 2), filled(30, 3));

    @Test
    void an_envelope_reads_back_as_written() {
        Envelope read = Envelope.parse(envelope.bytes());

        assertEquals(1, read.formatVersion());
        assertEquals(7, read.kekVersion());
        assertArrayEquals(envelope.wrappedKey(), read.wrappedKey());
        assertArrayEquals(envelope.nonce(), read.nonce());
        assertArrayEquals(envelope.ciphertext(), read.ciphertext());
    }

    @Test
    void the_header_is_format_kek_version_and_wrapped_key_length() {
        byte[] bytes = envelope.bytes();

        assertArrayEquals(new byte[] {1, 0, 0, 0, 7, 0, 40}, Arrays.copyOf(bytes, 7));
        assertEquals(7 + 40 + 12 + 30, bytes.length);
    }

    @Test
    void a_rewrapped_envelope_keeps_its_nonce_and_ciphertext() {
        Envelope rewrapped = Envelope.parse(envelope.rewrapped(8, filled(40, 9)).bytes());

        assertEquals(8, rewrapped.kekVersion());
        assertArrayEquals(filled(40, 9), rewrapped.wrappedKey());
        assertArrayEquals(envelope.nonce(), rewrapped.nonce());
        assertArrayEquals(envelope.ciphertext(), rewrapped.ciphertext());
    }

    @Test
    void another_format_a_short_wrapped_key_or_a_truncated_value_is_an_integrity_failure() {
        byte[] otherFormat = envelope.bytes();
        otherFormat[0] = 2;
        byte[] shortKey = new Envelope(1, 7, filled(15, 1), filled(12, 2), filled(30, 3)).bytes();

        assertThrows(IntegrityFailureException.class, () -> Envelope.parse(otherFormat));
        assertThrows(IntegrityFailureException.class, () -> Envelope.parse(shortKey));
        assertThrows(IntegrityFailureException.class, () -> Envelope.parse(Arrays.copyOf(envelope.bytes(), 60)));
        assertThrows(IntegrityFailureException.class, () -> Envelope.parse(null));
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
