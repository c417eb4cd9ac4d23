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
 * Makes a new production key store (docs/operations.md), or the store that succeeds one in a root-key rotation
 * (docs/crypto.md): a fresh root key with the old store's audit signing key. The new store's passphrase comes from
 * the file named by ESCROW_KEYSTORE_PASSPHRASE_FILE, the old store's from ESCROW_KEYSTORE_PREVIOUS_PASSPHRASE_FILE
 * (the settings the service reads them from during the rotation), or each is typed at the console; never from the
 * command line.
 */
public final class KeyStoreTool {

    private static final String USAGE = """
            usage: KeyStoreTool create <path/to/new-keystore.bcfks>
                   KeyStoreTool successor <path/to/current-keystore.bcfks> <path/to/new-keystore.bcfks>""";

    private KeyStoreTool() {
    }

    public static void main(String[] args) throws IOException {
        boolean create = args.length == 2 && "create".equals(args[0]);
        boolean successor = args.length == 3 && "successor".equals(args[0]);
        if (!create && !successor) {
            System.err.println(USAGE);
            System.exit(2);
        }
        Path created = Path.of(args[args.length - 1]);
        try {
            if (create) {
                KeyStoreFile.create(created, newPassphrase());
            } else {
                char[] previous = passphrase("ESCROW_KEYSTORE_PREVIOUS_PASSPHRASE_FILE",
                        "Passphrase of the current key store " + args[1] + ": ");
                KeyStoreFile.createSuccessor(Path.of(args[1]), previous, created, newPassphrase());
            }
            System.err.println("Created " + created + ". Back it up apart from the database and the passphrase.");
        } catch (KeyCustodyException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    private static char[] newPassphrase() throws IOException {
        char[] passphrase = passphrase("ESCROW_KEYSTORE_PASSPHRASE_FILE", "New key store passphrase: ");
        if (passphrase.length < 16) {
            System.err.println("The passphrase must have at least 16 characters");
            System.exit(2);
        }
        return passphrase;
    }

    private static char[] passphrase(String fileVariable, String prompt) throws IOException {
        String file = System.getenv(fileVariable);
        if (file != null && !file.isBlank()) {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip().toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            System.err.println("Set " + fileVariable + " or run at a terminal");
            System.exit(2);
        }
        char[] first = console.readPassword(prompt);
        char[] second = console.readPassword("Again: ");
        if (!Arrays.equals(first, second)) {
            System.err.println("The passphrases differ");
            System.exit(2);
        }
        Arrays.fill(second, '\0');
        return first;
    }
}
