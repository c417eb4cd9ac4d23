package edu.ucla.dgsom.escrow.crypto.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the key store and its passphrase come from, and what an operator reads when they are missing. */
class KeyStoresTest {

    private static final String VARIABLE = "ESCROW_KEYSTORE_PASSPHRASE";

    @Test
    void a_passphrase_file_wins_over_the_environment_and_loses_its_trailing_newline(@TempDir Path dir)
            throws Exception {
        Path file = Files.writeString(dir.resolve("passphrase"), "from the file\n");

        char[] passphrase = KeyStores.passphrase(Optional.of(file.toString()), VARIABLE,
                Map.of(VARIABLE, "from the environment")::get);

        assertArrayEquals("from the file".toCharArray(), passphrase);
    }

    @Test
    void without_a_file_the_passphrase_comes_from_the_environment() throws Exception {
        assertArrayEquals("from the environment".toCharArray(),
                KeyStores.passphrase(Optional.of(" "), VARIABLE, Map.of(VARIABLE, "from the environment")::get));
    }

    @Test
    void no_passphrase_anywhere_names_both_settings() {
        KeyCustodyException refused = assertThrows(KeyCustodyException.class,
                () -> KeyStores.passphrase(Optional.empty(), VARIABLE, Map.of(VARIABLE, "")::get));

        assertEquals("no key store passphrase: set ESCROW_KEYSTORE_PASSPHRASE_FILE or ESCROW_KEYSTORE_PASSPHRASE",
                refused.getMessage());
    }

    @Test
    void an_unreadable_passphrase_file_is_named_but_not_its_content(@TempDir Path dir) {
        String missing = dir.resolve("absent").toString();

        KeyCustodyException refused = assertThrows(KeyCustodyException.class,
                () -> KeyStores.passphrase(Optional.of(missing), VARIABLE, name -> "unused"));

        assertEquals("cannot read the key store passphrase file " + missing, refused.getMessage());
    }

    @Test
    void no_key_store_path_tells_the_operator_which_variable_to_set() {
        for (Optional<String> path : java.util.List.of(Optional.<String>empty(), Optional.of(""))) {
            KeyCustodyException refused = assertThrows(KeyCustodyException.class, () -> KeyStores.required(path));
            assertEquals("no key store configured: set ESCROW_KEYSTORE_PATH (see docs/operations.md)",
                    refused.getMessage());
        }
    }
}
