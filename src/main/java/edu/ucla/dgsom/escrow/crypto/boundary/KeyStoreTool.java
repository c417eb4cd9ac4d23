package edu.ucla.dgsom.escrow.crypto.boundary;

import edu.ucla.dgsom.escrow.crypto.control.KeyCustodyException;
import edu.ucla.dgsom.escrow.crypto.control.KeyStoreFile;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Makes a new production key store (docs/operations.md). The passphrase comes from the file named by
 * ESCROW_KEYSTORE_PASSPHRASE_FILE, or is typed twice at the console; never from the command line.
 */
public final class KeyStoreTool {

    private KeyStoreTool() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2 || !"create".equals(args[0])) {
            System.err.println("usage: KeyStoreTool create <path/to/new-keystore.bcfks>");
            System.exit(2);
        }
        char[] passphrase = passphrase();
        if (passphrase.length < 16) {
            System.err.println("The passphrase must have at least 16 characters");
            System.exit(2);
        }
        try {
            KeyStoreFile.create(Path.of(args[1]), passphrase);
            System.err.println("Created " + args[1] + ". Back it up apart from the database and the passphrase.");
        } catch (KeyCustodyException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    private static char[] passphrase() throws IOException {
        String file = System.getenv("ESCROW_KEYSTORE_PASSPHRASE_FILE");
        if (file != null && !file.isBlank()) {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip().toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            System.err.println("Set ESCROW_KEYSTORE_PASSPHRASE_FILE or run at a terminal");
            System.exit(2);
        }
        char[] first = console.readPassword("New key store passphrase: ");
        char[] second = console.readPassword("Again: ");
        if (!Arrays.equals(first, second)) {
            System.err.println("The passphrases differ");
            System.exit(2);
        }
        Arrays.fill(second, '\0');
        return first;
    }
}
