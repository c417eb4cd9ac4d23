package edu.ucla.dgsom.escrow.access.control;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format ({@code $argon2id$v=19$m=...,t=...,p=...$salt$hash}), with
 * Bouncy Castle's implementation. The parameters travel in the hash, so a change of parameters is noticed at the
 * next sign-in and the password re-hashed.
 *
 * <p>Releases before V8 hashed the UTF-8 encoder's whole buffer, which ends in up to a tenth of the password's length
 * in zero bytes. Migration V8 marks those hashes with {@link #LEGACY_PADDED}; they are verified the old way and
 * replaced by a hash of exactly the password's bytes at the next sign-in.
 */
public final class PasswordHasher {

    /** OWASP's minimum for Argon2id: 19 MiB, 2 iterations, 1 lane. */
    public static final int MIN_MEMORY_KIB = 19 * 1024;
    public static final int MIN_ITERATIONS = 2;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    /** Prefix V8 puts before every hash made over the padded buffer. */
    static final String LEGACY_PADDED = "legacy-padded:";

    private final int memoryKib;
    private final int iterations;
    private final int parallelism;
    private final SecureRandom random = new SecureRandom();

    public PasswordHasher(int memoryKib, int iterations, int parallelism) {
        this.memoryKib = Math.max(memoryKib, MIN_MEMORY_KIB);
        this.iterations = Math.max(iterations, MIN_ITERATIONS);
        this.parallelism = Math.max(parallelism, 1);
    }

    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(utf8(password), salt, memoryKib, iterations, parallelism, HASH_BYTES);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$"
                + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /** Constant-time check of {@code password} against a stored hash; a malformed hash never matches. */
    public boolean verify(char[] password, String encoded) {
        boolean padded = encoded != null && encoded.startsWith(LEGACY_PADDED);
        Parsed parsed = Parsed.of(padded ? encoded.substring(LEGACY_PADDED.length()) : encoded);
        if (parsed == null) {
            return false;
        }
        byte[] passwordBytes = padded ? encodedBuffer(password).array() : utf8(password);
        byte[] actual = derive(passwordBytes, parsed.salt, parsed.memoryKib, parsed.iterations, parsed.parallelism,
                parsed.hash.length);
        return MessageDigest.isEqual(actual, parsed.hash);
    }

    /** True when the hash was made with weaker parameters than configured now, or over the padded buffer. */
    public boolean needsRehash(String encoded) {
        Parsed parsed = Parsed.of(encoded);
        return parsed == null || parsed.memoryKib < memoryKib || parsed.iterations < iterations
                || parsed.parallelism != parallelism;
    }

    /** Argon2id over {@code passwordBytes}, which are wiped afterwards. */
    private static byte[] derive(byte[] passwordBytes, byte[] salt, int memoryKib, int iterations, int parallelism,
            int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib).withIterations(iterations).withParallelism(parallelism)
                .withSalt(salt).build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        try {
            byte[] out = new byte[length];
            generator.generateBytes(passwordBytes, out);
            return out;
        } finally {
            Arrays.fill(passwordBytes, (byte) 0);
        }
    }

    /**
     * Exactly the UTF-8 bytes of {@code password}. The encoder's buffer is usually longer than its content; it is
     * copied to the content's length and then wiped, so no String and no stray copy of the password remains.
     */
    static byte[] utf8(char[] password) {
        ByteBuffer encoded = encodedBuffer(password);
        try {
            byte[] exact = new byte[encoded.remaining()];
            encoded.get(exact);
            return exact;
        } finally {
            Arrays.fill(encoded.array(), (byte) 0);
        }
    }

    private static ByteBuffer encodedBuffer(char[] password) {
        return StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
    }

    private record Parsed(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {

        static Parsed of(String encoded) {
            try {
                String[] parts = encoded.split("\\$");
                if (parts.length != 6 || !parts[0].isEmpty() || !"argon2id".equals(parts[1])
                        || !"v=19".equals(parts[2])) {
                    return null;
                }
                int m = 0;
                int t = 0;
                int p = 0;
                for (String setting : parts[3].split(",")) {
                    int value = Integer.parseInt(setting.substring(2));
                    switch (setting.charAt(0)) {
                        case 'm' -> m = value;
                        case 't' -> t = value;
                        case 'p' -> p = value;
                        default -> {
                            return null;
                        }
                    }
                }
                Base64.Decoder b64 = Base64.getDecoder();
                return new Parsed(m, t, p, b64.decode(parts[4]), b64.decode(parts[5]));
            } catch (RuntimeException malformed) {
                return null;
            }
        }
    }
}
