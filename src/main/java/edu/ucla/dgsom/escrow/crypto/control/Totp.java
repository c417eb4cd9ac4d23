package edu.ucla.dgsom.escrow.crypto.control;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 time-based one-time passwords (RFC 4226 truncation) with SHA-1, SHA-256 or SHA-512, 6 or 8 digits and
 * 30 or 60 second steps, plus the base32 (RFC 4648) encoding authenticator apps use for seeds.
 */
public final class Totp {

    /** The HMAC a seed is used with. */
    public enum Algorithm {
        SHA1("HmacSHA1"), SHA256("HmacSHA256"), SHA512("HmacSHA512");

        private final String mac;

        Algorithm(String mac) {
            this.mac = mac;
        }
    }

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private Totp() {
    }

    public static long step(Instant time, int periodSeconds) {
        return Math.floorDiv(time.getEpochSecond(), periodSeconds);
    }

    /** The code for time step {@code step}, zero-padded to {@code digits}. */
    public static String code(byte[] seed, long step, Algorithm algorithm, int digits) {
        try {
            Mac mac = Mac.getInstance(algorithm.mac);
            mac.init(new SecretKeySpec(seed, "RAW"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format(Locale.ROOT, "%0" + digits + "d", binary % POWERS[digits]);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is unavailable", e);
        }
    }

    /**
     * The time step whose code matches, allowing one step of clock drift either way, or -1.
     */
    public static long matchingStep(byte[] seed, String code, Instant now, Algorithm algorithm, int digits,
            int periodSeconds) {
        if (code == null || code.length() != digits || !code.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        long current = step(now, periodSeconds);
        for (long step = current - 1; step <= current + 1; step++) {
            if (java.security.MessageDigest.isEqual(code(seed, step, algorithm, digits).getBytes(),
                    code.getBytes())) {
                return step;
            }
        }
        return -1;
    }

    /** A new random seed of 20 bytes (the RFC 4226 recommendation for SHA-1). */
    public static byte[] newSeed() {
        byte[] seed = new byte[20];
        new SecureRandom().nextBytes(seed);
        return seed;
    }

    public static String base32(byte[] data) {
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32.charAt((buffer >> (bits - 5)) & 0x1f));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32.charAt((buffer << (5 - bits)) & 0x1f));
        }
        return out.toString();
    }

    /** Decodes base32, ignoring case, spaces and padding; throws IllegalArgumentException on other characters. */
    public static byte[] fromBase32(String text) {
        String clean = text.replace(" ", "").replace("=", "").toUpperCase(Locale.ROOT);
        ByteBuffer out = ByteBuffer.allocate(clean.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : clean.toCharArray()) {
            int value = BASE32.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("not base32");
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return out.array();
    }
}
