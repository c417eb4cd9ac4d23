package edu.ucla.dgsom.escrow.imports.control;

import static edu.ucla.dgsom.escrow.imports.control.JsonFiles.integer;
import static edu.ucla.dgsom.escrow.imports.control.JsonFiles.string;

import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import jakarta.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Opens Bitwarden's password-protected export, as Bitwarden's clients write it
 * ({@code libs/importer/.../bitwarden-password-protected-importer.ts} and the key generation service): the key is
 * PBKDF2-SHA256(password, salt) ({@code kdfType} 0) or Argon2id(password, SHA-256(salt)) ({@code kdfType} 1, memory in
 * MiB), where the salt is the {@code salt} member's text as UTF-8; HKDF-Expand-SHA256 stretches it into an encryption
 * key ("enc") and a MAC key ("mac"). {@code encKeyValidation_DO_NOT_EDIT} and {@code data} are EncStrings of type 2:
 * {@code 2.iv|ct|mac}, AES-256-CBC with HMAC-SHA256 over iv||ct. A MAC is checked, in constant time, before anything is
 * decrypted; the validation string's MAC failing means the password is wrong.
 */
final class BitwardenEncryption {

    private static final int PBKDF2 = 0;
    private static final int ARGON2ID = 1;
    /** The bounds Bitwarden's own importer accepts (password-protected-kdf-config.ts): the file is untrusted input. */
    private static final int PBKDF2_MIN = 5_000;
    private static final int PBKDF2_MAX = 2_000_000;
    private static final int ARGON2_ITERATIONS_MIN = 2;
    private static final int ARGON2_ITERATIONS_MAX = 10;
    private static final int ARGON2_MEMORY_MIB_MIN = 16;
    private static final int ARGON2_MEMORY_MIB_MAX = 1024;
    private static final int ARGON2_PARALLELISM_MAX = 16;
    /**
     * One Argon2 derivation at a time per instance: a file may ask for 1 GiB, and two at once must not take the heap
     * the rest of the service runs in.
     */
    private static final Semaphore ARGON2_MEMORY = new Semaphore(1);
    private static final long ARGON2_WAIT_SECONDS = 30;

    private BitwardenEncryption() {
    }

    private static byte[] argon2id(byte[] secret, byte[] salt, int iterations, int memoryMib, int parallelism) {
        try {
            if (!ARGON2_MEMORY.tryAcquire(ARGON2_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE, "Another password-protected export is"
                        + " being opened here; try again in a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE, "Interrupted while waiting to open the"
                    + " password-protected export; try again");
        }
        try {
            Argon2BytesGenerator argon2 = new Argon2BytesGenerator();
            argon2.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                    .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt).withIterations(iterations)
                    .withMemoryAsKB(memoryMib * 1024).withParallelism(parallelism).build());
            byte[] key = new byte[32];
            argon2.generateBytes(secret, key);
            return key;
        } finally {
            ARGON2_MEMORY.release();
        }
    }

    /** The cleartext JSON export inside {@code envelope}. */
    static String open(JsonObject envelope, char[] password) {
        if (password == null || password.length == 0) {
            throw ImportProblems.passwordMissing();
        }
        String salt = string(envelope, "salt");
        if (salt == null || salt.isEmpty()) {
            throw ImportProblems.file("the encrypted export has no salt");
        }
        EncString validation = EncString.parse(string(envelope, "encKeyValidation_DO_NOT_EDIT"),
                "encKeyValidation_DO_NOT_EDIT");
        EncString data = EncString.parse(string(envelope, "data"), "data");
        byte[] key = derive(envelope, password, salt.getBytes(StandardCharsets.UTF_8));
        byte[] encKey = expand(key, "enc");
        byte[] macKey = expand(key, "mac");
        try {
            if (!validation.authentic(macKey)) {
                throw ImportProblems.wrongPassword();
            }
            if (!data.authentic(macKey)) {
                throw ImportProblems.file("the encrypted export's data is damaged: its MAC does not match");
            }
            byte[] cleartext = data.decrypt(encKey);
            try {
                return ExportReader.text(cleartext);
            } finally {
                Arrays.fill(cleartext, (byte) 0);
            }
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(encKey, (byte) 0);
            Arrays.fill(macKey, (byte) 0);
        }
    }

    private static byte[] derive(JsonObject envelope, char[] password, byte[] salt) {
        int kdf = integer(envelope, "kdfType", -1);
        int iterations = integer(envelope, "kdfIterations", -1);
        byte[] secret = utf8(password);
        try {
            if (kdf == PBKDF2) {
                requireWithin("kdfIterations", iterations, PBKDF2_MIN, PBKDF2_MAX);
                PKCS5S2ParametersGenerator pbkdf2 = new PKCS5S2ParametersGenerator(new SHA256Digest());
                pbkdf2.init(secret, salt, iterations);
                return ((KeyParameter) pbkdf2.generateDerivedMacParameters(256)).getKey();
            }
            if (kdf == ARGON2ID) {
                int memory = integer(envelope, "kdfMemory", -1);
                int parallelism = integer(envelope, "kdfParallelism", -1);
                requireWithin("kdfIterations", iterations, ARGON2_ITERATIONS_MIN, ARGON2_ITERATIONS_MAX);
                requireWithin("kdfMemory", memory, ARGON2_MEMORY_MIB_MIN, ARGON2_MEMORY_MIB_MAX);
                requireWithin("kdfParallelism", parallelism, 1, ARGON2_PARALLELISM_MAX);
                return argon2id(secret, sha256(salt), iterations, memory, parallelism);
            }
            throw ImportProblems.file("the encrypted export names an unknown kdfType (0 PBKDF2-SHA256 and 1 Argon2id"
                    + " are read)");
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private static void requireWithin(String member, int value, int min, int max) {
        if (value < min || value > max) {
            throw ImportProblems.file("the encrypted export's " + member + " is not between " + min + " and " + max);
        }
    }

    private static byte[] expand(byte[] key, String info) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(HKDFParameters.skipExtractParameters(key, info.getBytes(StandardCharsets.US_ASCII)));
        byte[] out = new byte[32];
        hkdf.generateBytes(out, 0, out.length);
        return out;
    }

    private static byte[] utf8(char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = Arrays.copyOfRange(encoded.array(), encoded.position(), encoded.limit());
        Arrays.fill(encoded.array(), (byte) 0);
        return bytes;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    /** Bitwarden's EncString of type 2 (AesCbc256_HmacSha256_B64): {@code 2.iv|ct|mac}, each part base64. */
    private record EncString(byte[] iv, byte[] ciphertext, byte[] mac) {

        static EncString parse(String text, String member) {
            String problem = "the encrypted export's " + member + " is not a Bitwarden encrypted string of type 2";
            if (text == null || !text.startsWith("2.")) {
                throw ImportProblems.file(problem);
            }
            String[] parts = text.substring(2).split("\\|", -1);
            if (parts.length != 3) {
                throw ImportProblems.file(problem);
            }
            try {
                Base64.Decoder base64 = Base64.getDecoder();
                EncString parsed = new EncString(base64.decode(parts[0]), base64.decode(parts[1]),
                        base64.decode(parts[2]));
                if (parsed.iv.length != 16 || parsed.mac.length != 32 || parsed.ciphertext.length == 0
                        || parsed.ciphertext.length % 16 != 0) {
                    throw ImportProblems.file(problem);
                }
                return parsed;
            } catch (IllegalArgumentException e) {
                throw ImportProblems.file(problem);
            }
        }

        boolean authentic(byte[] macKey) {
            try {
                Mac hmac = Mac.getInstance("HmacSHA256");
                hmac.init(new SecretKeySpec(macKey, "HmacSHA256"));
                hmac.update(iv);
                return MessageDigest.isEqual(hmac.doFinal(ciphertext), mac);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is unavailable", e);
            }
        }

        /** Decrypts an authenticated string; padding cannot fail after the MAC passed, unless the writer erred. */
        byte[] decrypt(byte[] encKey) {
            try {
                Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
                aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(encKey, "AES"), new IvParameterSpec(iv));
                return aes.doFinal(ciphertext);
            } catch (javax.crypto.BadPaddingException | javax.crypto.IllegalBlockSizeException e) {
                throw ImportProblems.file("the encrypted export's data is damaged: its padding is wrong");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES/CBC is unavailable", e);
            }
        }
    }
}
