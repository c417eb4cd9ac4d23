package edu.ucla.dgsom.escrow.accounts.control;

import edu.ucla.dgsom.escrow.accounts.entity.AccountStatus;
import edu.ucla.dgsom.escrow.accounts.entity.Platform;
import edu.ucla.dgsom.escrow.accounts.entity.PlatformMfa;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;

/** The form of an account's fields as callers send them, turned into their stored form or a 400 naming the field. */
public final class AccountFields {

    private AccountFields() {
    }

    public static Platform platform(String value) {
        return named("platform", value, Platform.class);
    }

    public static AccountStatus status(String value) {
        return named("status", value, AccountStatus.class);
    }

    /** The constant of {@code type} a query parameter names, in any case; a 400 naming {@code field} otherwise. */
    public static <E extends Enum<E>> E named(String field, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(field, "one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** The platform's own name: required for OTHER, refused for the platforms we know. */
    public static String platformName(Platform platform, String name) {
        boolean given = name != null && !name.isBlank();
        if (platform == Platform.OTHER && !given) {
            throw ProblemException.invalidField("platformName", "required when the platform is OTHER");
        }
        if (platform != Platform.OTHER && given) {
            throw ProblemException.invalidField("platformName", "only for the platform OTHER");
        }
        return given ? text("platformName", name) : null;
    }

    /** Trimmed single-line text without control characters. */
    public static String text(String field, String value) {
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            throw ProblemException.invalidField(field, "must not be blank");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.invalidField(field, "must not contain control characters");
        }
        return trimmed;
    }

    /** An absolute http(s) URL with a host and no user information; empty when blank, which means none. */
    public static String profileUrl(String value) {
        if (value.isBlank()) {
            return "";
        }
        try {
            URI uri = new URI(value.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                throw ProblemException.invalidField("profileUrl", "an absolute http or https URL");
            }
            if (uri.getRawUserInfo() != null) {
                throw ProblemException.invalidField("profileUrl", "must not contain user information");
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            throw ProblemException.invalidField("profileUrl", "an absolute http or https URL");
        }
    }

    /** Free text, trimmed; empty when blank, which means none. */
    public static String notes(String value) {
        return value.strip();
    }

    /** The platform's second factor in its stored form: its name, or empty for "not stated". */
    public static String platformMfa(String value) {
        return value.isBlank() ? "" : named("platformMfa", value, PlatformMfa.class).name();
    }

    /** Empty as none. */
    public static String orNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
