package edu.ucla.dgsom.escrow.crypto.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.ucla.dgsom.escrow.it.Gpg;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenPGP writer of the disaster-recovery export, opened by the real gpg binary with either recovery key. */
class RecoveryEnvelopeTest {

    private static final Path KEYS = Path.of(System.getProperty("escrow.project.dir", ".")).resolve("keys-sample");
    private static final byte[] JSON = ("{\"format\":\"escrow-disaster-recovery\",\"password\":\"Ünïcødé pässwörd 🔑\","
            + "\"padding\":\"" + "x".repeat(200_000) + "\"}").getBytes(StandardCharsets.UTF_8);

    private static RecoveryEnvelope envelope;
    private static byte[] message;

    @BeforeAll
    static void encrypt() throws Exception {
        envelope = RecoveryEnvelope.of(List.of(Files.readAllBytes(KEYS.resolve("recovery-1.pub.asc")),
                Files.readAllBytes(KEYS.resolve("recovery-2.pub.asc"))), Files.readAllBytes(KEYS.resolve(
                "signing.sec.asc")), Files.readString(KEYS.resolve("signing-dev.passphrase")).strip().toCharArray());
        ByteArrayOutputStream ciphertext = new ByteArrayOutputStream();
        try (OutputStream plaintext = envelope.open(ciphertext, "escrow-dr-test.json", new Date())) {
            plaintext.write(JSON, 0, 1000);
            plaintext.write(JSON, 1000, JSON.length - 1000);
        }
        message = ciphertext.toByteArray();
    }

    @Test
    void the_first_recovery_key_alone_opens_it_and_gpg_reports_a_good_signature() throws Exception {
        opensWith("recovery-1.sec.asc", "gpg-recovery-1");
    }

    @Test
    void the_second_recovery_key_alone_opens_it_too() throws Exception {
        opensWith("recovery-2.sec.asc", "gpg-recovery-2");
    }

    @Test
    void the_plaintext_does_not_show_in_the_message() {
        String raw = new String(message, StandardCharsets.ISO_8859_1);
        assertTrue(!raw.contains("escrow-disaster-recovery") && !raw.contains("xxxxxxxx"), "compressed and encrypted");
        assertTrue(message.length < JSON.length / 10, "compressed before encryption");
    }

    @Test
    void a_wrong_signing_passphrase_is_refused_with_a_reason() {
        KeyCustodyException refused = assertThrows(KeyCustodyException.class, () -> RecoveryEnvelope.of(
                List.of(Files.readAllBytes(KEYS.resolve("recovery-1.pub.asc"))),
                Files.readAllBytes(KEYS.resolve("signing.sec.asc")), "wrong".toCharArray()));
        assertTrue(refused.getMessage().contains("passphrase"), refused.getMessage());
    }

    @Test
    void a_key_that_cannot_encrypt_is_not_taken_as_a_recovery_key() {
        assertThrows(KeyCustodyException.class, () -> RecoveryEnvelope.of(List.of(Files.readAllBytes(
                KEYS.resolve("signing.pub.asc"))), Files.readAllBytes(KEYS.resolve("signing.sec.asc")),
                Files.readString(KEYS.resolve("signing-dev.passphrase")).strip().toCharArray()));
    }

    private static void opensWith(String recoveryKey, String home) throws Exception {
        try (Gpg gpg = Gpg.withRecoveryKey(home, recoveryKey)) {
            Gpg.Decrypted decrypted = gpg.decrypt(message);
            assertEquals(0, decrypted.exitCode(), decrypted.log());
            assertArrayEquals(JSON, decrypted.plaintext());
            assertTrue(decrypted.status().contains("[GNUPG:] GOODSIG "), decrypted.status());
            assertTrue(decrypted.status().contains("[GNUPG:] VALIDSIG " + envelope.signerFingerprint()),
                    decrypted.status());
            // DECRYPTION_INFO <mdc method> <cipher>: 2 = SHA-1 MDC (integrity protected), 9 = AES-256.
            assertTrue(decrypted.status().contains("[GNUPG:] DECRYPTION_INFO 2 9"), decrypted.status());
            assertTrue(decrypted.status().contains("[GNUPG:] DECRYPTION_OKAY"), decrypted.status());
            assertTrue(decrypted.status().contains("[GNUPG:] PLAINTEXT 62 "), "binary literal data");
        }
    }
}
