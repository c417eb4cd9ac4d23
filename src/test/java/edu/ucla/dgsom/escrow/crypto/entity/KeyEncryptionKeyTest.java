package edu.ucla.dgsom.escrow.crypto.entity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** One version of the key ring: which root key wraps it, re-wrapping, retiring. */
class KeyEncryptionKeyTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void a_kek_names_the_root_key_that_wraps_it() {
        KeyEncryptionKey kek = new KeyEncryptionKey(1, new byte[] {1}, "root-a", NOW);

        assertEquals("root-a", kek.rootKeyIdOr("root-b"));
        assertTrue(kek.wrappedBy("root-a"));
        assertFalse(kek.wrappedBy("root-b"));
    }

    @Test
    void a_row_stored_before_root_key_ids_is_wrapped_by_the_only_root_key_and_is_named_once_opened() {
        KeyEncryptionKey kek = new KeyEncryptionKey(1, new byte[] {1}, null, NOW);

        assertEquals("root-a", kek.rootKeyIdOr("root-a"));
        kek.openedBy("root-a");
        kek.openedBy("root-b");

        assertEquals("root-a", kek.rootKeyId());
    }

    @Test
    void a_root_key_rotation_rewraps_an_active_kek_under_the_new_root_key() {
        KeyEncryptionKey kek = new KeyEncryptionKey(2, new byte[] {1}, "root-a", NOW);

        kek.rewrappedUnder(new byte[] {2}, "root-b");

        assertArrayEquals(new byte[] {2}, kek.wrappedKey());
        assertTrue(kek.wrappedBy("root-b"));
    }

    @Test
    void retiring_erases_the_key_material_and_a_retired_kek_cannot_be_rewrapped() {
        KeyEncryptionKey kek = new KeyEncryptionKey(3, new byte[] {1}, "root-a", NOW);

        kek.retire(NOW.plusSeconds(60));

        assertEquals(KeyEncryptionKey.State.RETIRED, kek.state());
        assertNull(kek.wrappedKey());
        assertNull(kek.rootKeyId());
        assertEquals(NOW.plusSeconds(60), kek.retiredAt());
        assertThrows(IllegalStateException.class, () -> kek.rewrappedUnder(new byte[] {2}, "root-b"));
    }
}
