package edu.ucla.dgsom.escrow.crypto.control;

import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The keys of the disaster-recovery export, read from the configuration at each export (docs/operations.md):
 * {@code escrow.recovery.public-keys}, the armored OpenPGP certificates the export is encrypted to (any one opens
 * it), and {@code escrow.recovery.signing-key}, the installation's armored secret signing key, whose passphrase
 * comes from {@code escrow.recovery.signing-key.passphrase-file} or the environment variable
 * {@code ESCROW_RECOVERY_SIGNING_KEY_PASSPHRASE}, never a system property, like the key store's.
 */
@ApplicationScoped
public class RecoveryKeys {

    private static final Logger LOG = Logger.getLogger(RecoveryKeys.class.getName());
    private static final String PASSPHRASE_VARIABLE = "ESCROW_RECOVERY_SIGNING_KEY_PASSPHRASE";

    @Inject
    @ConfigProperty(name = "escrow.recovery.public-keys")
    Optional<String> publicKeys;

    @Inject
    @ConfigProperty(name = "escrow.recovery.signing-key")
    Optional<String> signingKey;

    @Inject
    @ConfigProperty(name = "escrow.recovery.signing-key.passphrase-file")
    Optional<String> passphraseFile;

    /**
     * The envelope to write an export in; without a configured recovery key or signing key, or with one that
     * cannot be used, a 409 problem that says which setting to fix (the export is refused, the service runs on).
     */
    public RecoveryEnvelope envelope() {
        // Comma-separated, split here: Payara's config producer cannot inject an Optional<List<String>>.
        List<String> files = Arrays.stream(publicKeys.orElse("").split(",")).map(String::strip)
                .filter(f -> !f.isEmpty()).toList();
        if (files.isEmpty()) {
            throw notConfigured("No disaster-recovery public key is configured: set ESCROW_RECOVERY_PUBLIC_KEYS to"
                    + " the installation's armored OpenPGP recovery public key files (docs/operations.md)");
        }
        if (signingKey.filter(s -> !s.isBlank()).isEmpty()) {
            throw notConfigured("No installation signing key is configured for the disaster-recovery export: set"
                    + " ESCROW_RECOVERY_SIGNING_KEY and its passphrase (docs/operations.md)");
        }
        char[] passphrase = null;
        byte[] secret = null;
        try {
            List<byte[]> certificates = new ArrayList<>();
            for (String file : files) {
                certificates.add(read(file, "recovery public key"));
            }
            secret = read(signingKey.get(), "recovery signing key");
            passphrase = KeyStores.passphrase(passphraseFile, PASSPHRASE_VARIABLE, System::getenv);
            return RecoveryEnvelope.of(certificates, secret, passphrase);
        } catch (KeyCustodyException e) {
            LOG.warning(() -> "Disaster-recovery export refused: " + e.getMessage());
            throw notConfigured("The disaster-recovery keys cannot be used: " + e.getMessage()
                    + " (docs/operations.md)");
        } finally {
            if (passphrase != null) {
                Arrays.fill(passphrase, '\0');
            }
            if (secret != null) {
                Arrays.fill(secret, (byte) 0);
            }
        }
    }

    private static byte[] read(String file, String what) throws KeyCustodyException {
        try {
            return Files.readAllBytes(Path.of(file.strip()));
        } catch (IOException | RuntimeException e) {
            throw new KeyCustodyException("cannot read the " + what + " file " + file.strip());
        }
    }

    private static ProblemException notConfigured(String detail) {
        return new ProblemException(ProblemType.CONFLICT, detail);
    }
}
