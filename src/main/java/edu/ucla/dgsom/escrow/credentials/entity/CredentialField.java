package edu.ucla.dgsom.escrow.credentials.entity;

import java.util.Arrays;
import java.util.Optional;

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
}
