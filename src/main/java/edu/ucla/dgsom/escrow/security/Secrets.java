package edu.ucla.dgsom.escrow.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Random bearer secrets (session, device and API tokens, recovery codes), a session's CSRF token derived from it, and
 * their SHA-256 digests. Only digests are stored: the secrets carry at least 112 random bits, so a fast hash is enough
 * to make a stolen table useless.
 */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SALTED = "s1$";
    private static final char[] RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

    private Secrets() {
    }

    /** 256 random bits, URL-safe, with a prefix that tells what it is (and lets secret scanners find leaks). */
    public static String newToken(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The CSRF token of a session: {@code esc_c_} and base64url(HMAC-SHA256(key = the session token, "csrf")). Whoever
     * holds the session cookie can compute it again (a page reload asks {@code GET /session} for it), nobody else can,
     * and it tells nothing about the session token.
     */
    public static String csrfTokenOf(String sessionToken) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sessionToken.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "esc_c_" + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal("csrf".getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** A recovery code of 25 characters from a 32-letter alphabet without look-alikes (125 bits), as 5 groups of 5. */
    public static String newRecoveryCode() {
        StringBuilder code = new StringBuilder(29);
        for (int i = 0; i < 25; i++) {
            if (i > 0 && i % 5 == 0) {
                code.append('-');
            }
            code.append(RECOVERY_ALPHABET[RANDOM.nextInt(RECOVERY_ALPHABET.length)]);
        }
        return code.toString();
    }

    public static String sha256Hex(String secret) {
        return sha256Hex(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** The SHA-256 of {@code bytes} in lower-case hex, e.g. of a report a person attests. */
    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    /**
     * A salted SHA-256 digest, {@code s1$<salt>$<digest>}, for secrets a person keeps (recovery codes): equal
     * secrets get different digests, so a stolen table cannot be searched for a guessed code across people.
     */
    public static String saltedDigest(String secret) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return SALTED + HexFormat.of().formatHex(salt) + "$" + HexFormat.of().formatHex(salted(salt, secret));
    }

    /** Whether {@code secret} has the digest {@link #saltedDigest} made, compared in constant time. */
    public static boolean matchesSaltedDigest(String secret, String stored) {
        if (secret == null || stored == null || !stored.startsWith(SALTED)) {
            return false;
        }
        String[] parts = stored.substring(SALTED.length()).split("\\$");
        if (parts.length != 2) {
            return false;
        }
        HexFormat hex = HexFormat.of();
        return MessageDigest.isEqual(salted(hex.parseHex(parts[0]), secret), hex.parseHex(parts[1]));
    }

    private static byte[] salted(byte[] salt, String secret) {
        MessageDigest digest = sha256();
        digest.update(salt);
        return digest.digest(secret.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    /** Compares digests in constant time. */
    public static boolean sameDigest(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII),
                b.getBytes(StandardCharsets.US_ASCII));
    }
}
