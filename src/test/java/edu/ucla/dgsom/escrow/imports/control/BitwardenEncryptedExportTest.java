package edu.ucla.dgsom.escrow.imports.control;

import static edu.ucla.dgsom.escrow.imports.control.Fixtures.SHARED_MAILBOX;
import static edu.ucla.dgsom.escrow.imports.control.Fixtures.assertTheSharedMailbox;
import static edu.ucla.dgsom.escrow.imports.control.Fixtures.assertTheUnicodeLogin;
import static edu.ucla.dgsom.escrow.imports.control.Fixtures.bytes;
import static edu.ucla.dgsom.escrow.imports.control.Fixtures.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.ucla.dgsom.escrow.imports.entity.ImportFormat;
import edu.ucla.dgsom.escrow.imports.entity.ImportedEntry;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

/**
 * Bitwarden's password-protected export. Bitwarden's repository holds no such file with its password (its spec mocks
 * the crypto), so this test writes one the way Bitwarden's clients do, with its own code: the JDK's PBKDF2 and
 * AES-CBC/HMAC and a hand-written HKDF-Expand, none of which the reader uses (it uses Bouncy Castle's PBKDF2 and HKDF).
 * For Argon2id both sides call Bouncy Castle's generator, the only Argon2 here; the salt hashing and MiB-to-KiB are
 * written separately on each side.
 */
class BitwardenEncryptedExportTest {

    private static final String FILE_PASSWORD = "correct horse — 電池 staple";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ExportReader reader = new ExportReader();

    @Test
    void a_pbkdf2_protected_export_opens_with_its_password() {
        byte[] file = protect(0, 5_000, null, null);
        assertEquals(ImportFormat.BITWARDEN_ENCRYPTED_JSON, reader.detect(file));
        List<ImportedEntry> entries = reader.read(file, FILE_PASSWORD.toCharArray());
        assertEquals(3, entries.size());
        assertTheUnicodeLogin(entries, "Département de médecine/社交", true);
        assertTheSharedMailbox(entries, SHARED_MAILBOX, "Shared", true);
    }

    @Test
    void an_argon2id_protected_export_opens_with_its_password() {
        byte[] file = protect(1, 2, 16, 1);
        List<ImportedEntry> entries = reader.read(ImportFormat.BITWARDEN_ENCRYPTED_JSON, file,
                FILE_PASSWORD.toCharArray());
        assertTheUnicodeLogin(entries, "Département de médecine/社交", true);
    }

    @Test
    void a_wrong_password_is_refused_saying_only_that() {
        byte[] file = protect(0, 5_000, null, null);
        String said = refused(() -> reader.read(ImportFormat.BITWARDEN_ENCRYPTED_JSON, file, "guess".toCharArray()));
        assertTrue(said.endsWith("| wrong password for the encrypted export"), said);
        assertTrue(refused(() -> reader.read(ImportFormat.BITWARDEN_ENCRYPTED_JSON, file, null))
                .contains("give its password"));
    }

    @Test
    void tampered_data_is_refused_before_it_is_decrypted() {
        String export = new String(protect(0, 5_000, null, null), StandardCharsets.UTF_8);
        int data = export.indexOf("\"data\":\"2.") + 10;
        int ciphertext = export.indexOf('|', data) + 1;
        char flipped = export.charAt(ciphertext) == 'A' ? 'B' : 'A';
        byte[] tampered = (export.substring(0, ciphertext) + flipped + export.substring(ciphertext + 1))
                .getBytes(StandardCharsets.UTF_8);
        assertTrue(refused(() -> reader.read(ImportFormat.BITWARDEN_ENCRYPTED_JSON, tampered,
                FILE_PASSWORD.toCharArray())).contains("damaged: its MAC does not match"));
    }

    @Test
    void kdf_settings_beyond_bitwardens_bounds_are_refused_before_deriving() {
        byte[] greedy = protect(1, 2, 16, 1, 1_000_000);
        assertTrue(refused(() -> reader.read(ImportFormat.BITWARDEN_ENCRYPTED_JSON, greedy,
                FILE_PASSWORD.toCharArray())).contains("kdfMemory is not between 16 and 1024"));
    }

    @Test
    void an_account_restricted_export_is_refused_naming_the_way_out() {
        byte[] restricted = "{\"encrypted\": true, \"encKeyValidation_DO_NOT_EDIT\": \"2.a|b|c\", \"items\": []}"
                .getBytes(StandardCharsets.UTF_8);
        assertTrue(refused(() -> reader.detect(restricted)).contains("account-restricted"));
    }

    private static byte[] protect(int kdfType, int iterations, Integer memory, Integer parallelism) {
        return protect(kdfType, iterations, memory, parallelism, memory);
    }

    /** Writes bitwarden.json as a password-protected export; {@code declaredMemory} is what the file claims. */
    private static byte[] protect(int kdfType, int iterations, Integer memory, Integer parallelism,
            Integer declaredMemory) {
        try {
            String salt = Base64.getEncoder().encodeToString(random(16));
            byte[] key = kdfType == 0 ? pbkdf2(salt, iterations) : argon2id(salt, iterations, memory, parallelism);
            byte[] encKey = hkdfExpand(key, "enc");
            byte[] macKey = hkdfExpand(key, "mac");
            String json = new String(bytes("bitwarden.json"), StandardCharsets.UTF_8);
            return ("{\"encrypted\":true,\"passwordProtected\":true,\"salt\":\"" + salt + "\",\"kdfType\":" + kdfType
                    + ",\"kdfIterations\":" + iterations + ",\"kdfMemory\":" + declaredMemory
                    + ",\"kdfParallelism\":" + parallelism + ",\"encKeyValidation_DO_NOT_EDIT\":\""
                    + encString(UUID.randomUUID().toString(), encKey, macKey) + "\",\"data\":\""
                    + encString(json, encKey, macKey) + "\"}").getBytes(StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] pbkdf2(String salt, int iterations) throws GeneralSecurityException {
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(new PBEKeySpec(
                FILE_PASSWORD.toCharArray(), salt.getBytes(StandardCharsets.UTF_8), iterations, 256)).getEncoded();
    }

    private static byte[] argon2id(String salt, int iterations, int memoryMib, int parallelism)
            throws GeneralSecurityException {
        byte[] saltHash = java.security.MessageDigest.getInstance("SHA-256")
                .digest(salt.getBytes(StandardCharsets.UTF_8));
        Argon2BytesGenerator argon2 = new Argon2BytesGenerator();
        argon2.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withSalt(saltHash)
                .withIterations(iterations).withMemoryAsKB(memoryMib * 1024).withParallelism(parallelism).build());
        byte[] key = new byte[32];
        argon2.generateBytes(FILE_PASSWORD.getBytes(StandardCharsets.UTF_8), key);
        return key;
    }

    /** RFC 5869 HKDF-Expand for one block: HMAC(prk, info || 0x01). */
    private static byte[] hkdfExpand(byte[] prk, String info) throws GeneralSecurityException {
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(prk, "HmacSHA256"));
        hmac.update(info.getBytes(StandardCharsets.US_ASCII));
        hmac.update((byte) 1);
        return hmac.doFinal();
    }

    private static String encString(String text, byte[] encKey, byte[] macKey) throws GeneralSecurityException {
        byte[] iv = random(16);
        Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(encKey, "AES"), new IvParameterSpec(iv));
        byte[] ciphertext = aes.doFinal(text.getBytes(StandardCharsets.UTF_8));
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(macKey, "HmacSHA256"));
        hmac.update(iv);
        byte[] mac = hmac.doFinal(ciphertext);
        Base64.Encoder base64 = Base64.getEncoder();
        return "2." + base64.encodeToString(iv) + "|" + base64.encodeToString(ciphertext) + "|"
                + base64.encodeToString(mac);
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
