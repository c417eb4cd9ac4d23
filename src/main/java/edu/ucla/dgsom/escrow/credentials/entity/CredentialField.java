package edu.ucla.dgsom.escrow.credentials.entity;

import edu.ucla.dgsom.escrow.problems.ProblemException;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The fields of a credential set, by the names the API and the sealed values use. Each is sealed on its own. */
public enum CredentialField {
    LOGIN_IDENTIFIER("loginIdentifier"),
    PASSWORD("password"),
    TOTP("totp"),
    RECOVERY_CODES("recoveryCodes"),
    RECOVERY_EMAIL("recoveryEmail"),
    RECOVERY_PHONE("recoveryPhone"),
    SECURITY_QUESTIONS("securityQuestions"),
    NOTES("notes");

    private final String key;

    CredentialField(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<CredentialField> byKey(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
    }

    /** The fields a request names by key in {@code requestField}; an unknown key is a 400 naming the known ones. */
    public static Set<CredentialField> named(String requestField, Collection<String> keys) {
        Set<CredentialField> fields = EnumSet.noneOf(CredentialField.class);
        for (String key : keys) {
            fields.add(byKey(key).orElseThrow(() -> ProblemException.invalidField(requestField, "unknown field "
                    + (key.length() > 32 ? key.substring(0, 32) : key) + "; one of "
                    + Arrays.stream(values()).map(CredentialField::key).collect(Collectors.joining(", ")))));
        }
        return fields;
    }

    /** The keys of {@code fields} in declaration order, comma-separated, as the audit trail and the table keep them. */
    public static String keys(Set<CredentialField> fields) {
        return fields.stream().sorted().map(CredentialField::key).collect(Collectors.joining(","));
    }
}
