package edu.ucla.dgsom.escrow.credentials.boundary;

import edu.ucla.dgsom.escrow.credentials.control.NewSecrets;
import edu.ucla.dgsom.escrow.credentials.control.SecurityQuestion;
import edu.ucla.dgsom.escrow.credentials.control.TotpInput;
import edu.ucla.dgsom.escrow.credentials.entity.CredentialField;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A rotation: the fields that change, and why. Fields left out carry over from the version being replaced;
 * {@code clear} names fields to drop; {@code recoveryCodesUsed} marks recovery codes (numbered from 1) as used.
 */
public record CredentialChange(
        @Size(max = 500) String reason,
        @Size(min = 1, max = 320) String loginIdentifier,
        @Size(min = 1, max = 1024) String password,
        @Schema(ref = "TotpInput") @Valid TotpInput totp,
        @Schema(type = SchemaType.ARRAY, implementation = String.class)
        @Size(min = 1, max = 50) List<@NotBlank @Size(max = 100) String> recoveryCodes,
        @Schema(type = SchemaType.ARRAY, implementation = Integer.class)
        @Size(max = 50) List<@NotNull @Positive Integer> recoveryCodesUsed,
        @Email @Size(max = 254) String recoveryEmail,
        @Pattern(regexp = "\\+?[0-9][0-9 ().-]{3,30}", message = "a phone number, e.g. +1 310 555 0100")
        @Schema(type = SchemaType.STRING) String recoveryPhone,
        @Schema(type = SchemaType.ARRAY, implementation = SecurityQuestion.class)
        @Size(min = 1, max = 20) List<@NotNull @Valid SecurityQuestion> securityQuestions,
        @Size(min = 1, max = 8000) String notes,
        @Schema(type = SchemaType.ARRAY, implementation = String.class)
        @Size(max = 8) List<@NotBlank @Size(max = 32) String> clear) {

    /** Unconstrained: Payara fails /openapi on constrained parameters (docs/architecture.md, "Request records"). */
    public CredentialChange(String reason, String loginIdentifier, String password, TotpInput totp,
            List<String> recoveryCodes, List<Integer> recoveryCodesUsed, String recoveryEmail, String recoveryPhone,
            List<SecurityQuestion> securityQuestions, String notes, List<String> clear) {
        this.reason = reason;
        this.loginIdentifier = loginIdentifier;
        this.password = password;
        this.totp = totp;
        this.recoveryCodes = recoveryCodes;
        this.recoveryCodesUsed = recoveryCodesUsed;
        this.recoveryEmail = recoveryEmail;
        this.recoveryPhone = recoveryPhone;
        this.securityQuestions = securityQuestions;
        this.notes = notes;
        this.clear = clear;
    }

    NewSecrets toNewSecrets() {
        return new NewSecrets(loginIdentifier, password, totp, recoveryCodes, recoveryCodesUsed, recoveryEmail,
                recoveryPhone, securityQuestions, notes, CredentialField.named("clear", clear == null ? List.of()
                : clear));
    }

    /** Never prints the secret it carries, should anything log it. */
    @Override
    public String toString() {
        return "CredentialChange[redacted]";
    }
}
