package edu.ucla.dgsom.escrow.imports.entity;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A one-time-password secret as an export carries it: a whole {@code otpauth://} URI kept as it is (it names the
 * algorithm, digits and period), or a bare seed, normalized to upper-case base32 without spaces or padding. Anything
 * else with a scheme (e.g. {@code steam://}) is kept as a URI. Its {@code toString()} never shows the secret.
 */
public record ImportedTotp(Kind kind, String value) {

    public enum Kind {
        URI, SEED
    }

    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://.*", Pattern.DOTALL);
    private static final Pattern SEPARATORS = Pattern.compile("[\\s-]+");

    /** The TOTP of an export's field, or null when the field is empty. */
    public static ImportedTotp parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String text = raw.strip();
        if (SCHEME.matcher(text).matches()) {
            return new ImportedTotp(Kind.URI, text);
        }
        String seed = SEPARATORS.matcher(text).replaceAll("").toUpperCase(Locale.ROOT);
        while (seed.endsWith("=")) {
            seed = seed.substring(0, seed.length() - 1);
        }
        return new ImportedTotp(Kind.SEED, seed);
    }

    /** Whether a seed is plain base32 (an {@code otpauth://} URI is checked when it is used). */
    public boolean wellFormed() {
        return kind == Kind.URI || (!value.isEmpty() && value.chars().allMatch(
                c -> (c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7')));
    }

    @Override
    public String toString() {
        return "ImportedTotp[" + kind + ", ****]";
    }
}
