package edu.ucla.dgsom.escrow.crypto.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The recovery keys as configured: a missing or unusable one refuses the export with a 409 naming the setting. */
class RecoveryKeysTest {

    private static final Path KEYS = Path.of(System.getProperty("escrow.project.dir", ".")).resolve("keys-sample");

    private static RecoveryKeys configured(String publicKeys, String signingKey, String passphraseFile) {
        RecoveryKeys keys = new RecoveryKeys();
        keys.publicKeys = Optional.ofNullable(publicKeys);
        keys.signingKey = Optional.ofNullable(signingKey);
        keys.passphraseFile = Optional.ofNullable(passphraseFile);
        return keys;
    }

    @Test
    void without_a_recovery_public_key_the_export_is_a_conflict_naming_the_setting() {
        ProblemException refused = assertThrows(ProblemException.class, () -> configured(" , ", null, null)
                .envelope());
        assertEquals(ProblemType.CONFLICT, refused.type());
        assertTrue(refused.getMessage().contains("ESCROW_RECOVERY_PUBLIC_KEYS"), refused.getMessage());
    }

    @Test
    void without_a_signing_key_the_export_is_a_conflict_naming_the_setting() {
        ProblemException refused = assertThrows(ProblemException.class, () -> configured(
                KEYS.resolve("recovery-1.pub.asc").toString(), null, null).envelope());
        assertTrue(refused.getMessage().contains("ESCROW_RECOVERY_SIGNING_KEY"), refused.getMessage());
    }

    @Test
    void an_unreadable_key_file_is_a_conflict_naming_the_file() {
        ProblemException refused = assertThrows(ProblemException.class, () -> configured("/nonexistent/r.asc",
                KEYS.resolve("signing.sec.asc").toString(), KEYS.resolve("signing-dev.passphrase").toString())
                .envelope());
        assertEquals(ProblemType.CONFLICT, refused.type());
        assertTrue(refused.getMessage().contains("/nonexistent/r.asc"), refused.getMessage());
    }

    @Test
    void the_sample_keys_make_an_envelope_for_both_recovery_keys() {
        RecoveryEnvelope envelope = configured(KEYS.resolve("recovery-1.pub.asc") + "," + KEYS.resolve(
                "recovery-2.pub.asc"), KEYS.resolve("signing.sec.asc").toString(),
                KEYS.resolve("signing-dev.passphrase").toString()).envelope();
        assertEquals(2, envelope.recipientFingerprints().size());
    }
}
