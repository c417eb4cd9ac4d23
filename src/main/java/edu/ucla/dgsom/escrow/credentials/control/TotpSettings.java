package edu.ucla.dgsom.escrow.credentials.control;

import edu.ucla.dgsom.escrow.crypto.control.Totp;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A TOTP seed with its algorithm, digits and period, as given by an {@code otpauth://totp/...} URI or a base32
 * secret, and its sealed form: one format byte, the algorithm, digits and period, then the raw seed. Keeping the
 * seed as bytes lets a code be computed without the seed ever becoming a String.
 */
public record TotpSettings(byte[] seed, Totp.Algorithm algorithm, int digits, int period) {

    private static final int FORMAT = 1;
    private static final int MIN_SEED = 10;
    private static final int MAX_SEED = 128;

    /** Never prints the seed, should anything log it. */
    @Override
    public String toString() {
        return "TotpSettings[seed=redacted, algorithm=" + algorithm + ", digits=" + digits + ", period=" + period + "]";
    }

    /** From a request's TOTP object, which {@code field} names in error messages. */
    public static TotpSettings of(String field, TotpInput input) {
        String uri = input.uri();
        String secret = input.secret();
        String algorithm = input.algorithm();
        Integer digits = input.digits();
        Integer period = input.period();
        if ((uri == null) == (secret == null)) {
            throw ProblemException.invalidField(field, "give either an otpauth URI or a base32 secret");
        }
        if (uri != null) {
            if (algorithm != null || digits != null || period != null) {
                throw ProblemException.invalidField(field, "algorithm, digits and period come from the URI");
            }
            return fromUri(field + ".uri", uri);
        }
        return create(field, secret, algorithm, digits == null ? null : digits.toString(),
                period == null ? null : period.toString());
    }

    private static TotpSettings fromUri(String field, String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw ProblemException.invalidField(field, "not an otpauth URI");
        }
        if (!"otpauth".equalsIgnoreCase(uri.getScheme()) || !"totp".equalsIgnoreCase(uri.getHost())) {
            throw ProblemException.invalidField(field, "must be otpauth://totp/...");
        }
        Map<String, String> query = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    query.put(pair.substring(0, equals).toLowerCase(Locale.ROOT),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        if (query.get("secret") == null) {
            throw ProblemException.invalidField(field, "the URI has no secret");
        }
        return create(field, query.get("secret"), query.get("algorithm"), query.get("digits"), query.get("period"));
    }

    private static TotpSettings create(String field, String secret, String algorithm, String digits, String period) {
        Totp.Algorithm parsedAlgorithm = switch (algorithm == null ? "SHA1"
                : algorithm.strip().toUpperCase(Locale.ROOT).replace("-", "")) {
            case "SHA1" -> Totp.Algorithm.SHA1;
            case "SHA256" -> Totp.Algorithm.SHA256;
            case "SHA512" -> Totp.Algorithm.SHA512;
            default -> throw ProblemException.invalidField(field, "algorithm must be SHA1, SHA256 or SHA512");
        };
        int parsedDigits = choice(field, "digits", digits, 6, 6, 8);
        int parsedPeriod = choice(field, "period", period, 30, 30, 60);
        byte[] seed;
        try {
            seed = Totp.fromBase32(secret);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(field, "the secret is not base32");
        }
        if (seed.length < MIN_SEED || seed.length > MAX_SEED) {
            Arrays.fill(seed, (byte) 0);
            throw ProblemException.invalidField(field, "the secret must be " + MIN_SEED + " to " + MAX_SEED + " bytes");
        }
        return new TotpSettings(seed, parsedAlgorithm, parsedDigits, parsedPeriod);
    }

    private static int choice(String field, String name, String value, int fallback, int first, int second) {
        if (value == null) {
            return fallback;
        }
        String trimmed = value.strip();
        if (trimmed.equals(Integer.toString(first)) || trimmed.equals(Integer.toString(second))) {
            return Integer.parseInt(trimmed);
        }
        throw ProblemException.invalidField(field, name + " must be " + first + " or " + second);
    }

    /** The sealed form (see the class comment). */
    public byte[] encode() {
        byte[] out = new byte[4 + seed.length];
        out[0] = FORMAT;
        out[1] = (byte) algorithm.ordinal();
        out[2] = (byte) digits;
        out[3] = (byte) period;
        System.arraycopy(seed, 0, out, 4, seed.length);
        return out;
    }

    public static TotpSettings decode(byte[] sealed) {
        if (sealed.length < 5 || sealed[0] != FORMAT) {
            throw new IllegalStateException("unknown TOTP format");
        }
        return new TotpSettings(Arrays.copyOfRange(sealed, 4, sealed.length), Totp.Algorithm.values()[sealed[1]],
                sealed[2], sealed[3]);
    }

    public void wipe() {
        Arrays.fill(seed, (byte) 0);
    }

}
