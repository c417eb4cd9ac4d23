package edu.ucla.dgsom.escrow.credentials.control;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The plaintext of one version of a credential set; fields it does not hold, or not asked for, are absent. */
@Schema(name = "RevealedCredentials")
public record RevealedCredentials(String accountId, int version, Instant rotatedAt, String rotatedBy,
        String loginIdentifier, String password, RevealedTotp totp, List<RecoveryCode> recoveryCodes,
        String recoveryEmail, String recoveryPhone, List<SecurityQuestion> securityQuestions, String notes) {

    /** Never prints the secrets it carries, should anything log it. */
    @Override
    public String toString() {
        return "RevealedCredentials[" + accountId + " v" + version + ", redacted]";
    }

    /** The seed in base32, as authenticator apps take it, with its parameters. */
    @Schema(name = "RevealedTotp")
    public record RevealedTotp(String secret, String algorithm, int digits, int period) {

        @Override
        public String toString() {
            return "RevealedTotp[redacted]";
        }
    }

    /** A recovery code, numbered from 1, and whether it has been used. */
    @Schema(name = "RevealedRecoveryCode")
    public record RecoveryCode(int number, String code, boolean used) {

        @Override
        public String toString() {
            return "RecoveryCode[" + number + ", redacted]";
        }
    }
}
