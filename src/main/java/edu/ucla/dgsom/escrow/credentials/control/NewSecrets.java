package edu.ucla.dgsom.escrow.credentials.control;

import edu.ucla.dgsom.escrow.credentials.entity.CredentialField;
import java.util.List;
import java.util.Set;

/**
 * The fields a rotation sets (null: carried over from the version it replaces), the fields it {@code clear}s and the
 * recovery codes it marks used, numbered from 1.
 */
public record NewSecrets(String loginIdentifier, String password, TotpInput totp, List<String> recoveryCodes,
        List<Integer> recoveryCodesUsed, String recoveryEmail, String recoveryPhone,
        List<SecurityQuestion> securityQuestions, String notes, Set<CredentialField> clear) {

    public boolean marksRecoveryCodes() {
        return recoveryCodesUsed != null && !recoveryCodesUsed.isEmpty();
    }

    /** Never prints the secrets it carries, should anything log it. */
    @Override
    public String toString() {
        return "NewSecrets[redacted]";
    }
}
