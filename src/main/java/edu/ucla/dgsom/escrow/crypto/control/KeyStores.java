package edu.ucla.dgsom.escrow.crypto.control;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The key stores this instance is configured with, opened into a {@link Barrier}: the current one and, during a
 * root-key rotation, the previous one as well (docs/crypto.md).
 */
@Dependent
public class KeyStores {

    private static final Logger LOG = Logger.getLogger(KeyStores.class.getName());

    @Inject
    @ConfigProperty(name = "escrow.keystore.path")
    Optional<String> path;

    @Inject
    @ConfigProperty(name = "escrow.keystore.passphrase-file")
    Optional<String> passphraseFile;

    /** The key store the configured one succeeds, while a root-key rotation moves the key ring to the new root key. */
    @Inject
    @ConfigProperty(name = "escrow.keystore.previous.path")
    Optional<String> previousPath;

    @Inject
    @ConfigProperty(name = "escrow.keystore.previous.passphrase-file")
    Optional<String> previousPassphraseFile;

    /** A barrier holding the keys of the configured key stores; their passphrase arrays are wiped. */
    Barrier open() throws KeyCustodyException {
        Barrier barrier = new Barrier(KeyStoreFile.load(required(path),
                passphrase(passphraseFile, "ESCROW_KEYSTORE_PASSPHRASE", System::getenv)));
        if (previousPath.filter(p -> !p.isBlank()).isPresent()) {
            String previous = barrier.addPreviousRootKey(KeyStoreFile.load(Path.of(previousPath.get()),
                    passphrase(previousPassphraseFile, "ESCROW_KEYSTORE_PREVIOUS_PASSPHRASE", System::getenv)));
            LOG.info("Holding the previous key store's root key " + previous + " as well as root key "
                    + barrier.rootKeyId() + " for a root-key rotation");
        }
        return barrier;
    }

    static Path required(Optional<String> path) throws KeyCustodyException {
        return Path.of(path.filter(p -> !p.isBlank()).orElseThrow(() -> new KeyCustodyException(
                "no key store configured: set ESCROW_KEYSTORE_PATH (see docs/operations.md)")));
    }

    /**
     * From a file or the environment variable {@code variable}, never from a system property, which would show on
     * the command line. A file wins over the variable.
     */
    static char[] passphrase(Optional<String> file, String variable, UnaryOperator<String> environment)
            throws KeyCustodyException {
        if (file.isPresent() && !file.get().isBlank()) {
            try {
                return Files.readString(Path.of(file.get()), StandardCharsets.UTF_8).strip().toCharArray();
            } catch (IOException e) {
                throw new KeyCustodyException("cannot read the key store passphrase file " + file.get());
            }
        }
        String fromEnvironment = environment.apply(variable);
        if (fromEnvironment == null || fromEnvironment.isEmpty()) {
            throw new KeyCustodyException("no key store passphrase: set " + variable + "_FILE or " + variable);
        }
        return fromEnvironment.toCharArray();
    }
}
