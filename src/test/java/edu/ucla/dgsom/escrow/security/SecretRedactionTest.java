package edu.ucla.dgsom.escrow.security;

import static org.junit.jupiter.api.Assertions.assertFalse;

import edu.ucla.dgsom.escrow.access.boundary.MfaConfirmation;
import edu.ucla.dgsom.escrow.access.boundary.MfaEnrolmentView;
import edu.ucla.dgsom.escrow.access.boundary.PasswordChange;
import edu.ucla.dgsom.escrow.access.boundary.PersonRequest;
import edu.ucla.dgsom.escrow.access.boundary.RecoveryCodes;
import edu.ucla.dgsom.escrow.access.boundary.SessionView;
import edu.ucla.dgsom.escrow.access.boundary.SignInRequest;
import edu.ucla.dgsom.escrow.access.boundary.TokenView;
import edu.ucla.dgsom.escrow.access.control.ApiTokens;
import edu.ucla.dgsom.escrow.access.control.MfaEnrolments;
import edu.ucla.dgsom.escrow.access.control.SignIns;
import edu.ucla.dgsom.escrow.access.entity.ApiToken;
import edu.ucla.dgsom.escrow.credentials.boundary.CredentialChange;
import edu.ucla.dgsom.escrow.credentials.boundary.GeneratedPassword;
import edu.ucla.dgsom.escrow.credentials.control.RevealedCredentials;
import edu.ucla.dgsom.escrow.credentials.control.SecurityQuestion;
import edu.ucla.dgsom.escrow.credentials.control.TotpCode;
import edu.ucla.dgsom.escrow.credentials.control.TotpInput;
import edu.ucla.dgsom.escrow.credentials.control.CharacterClass;
import edu.ucla.dgsom.escrow.credentials.control.PasswordGenerator;
import java.time.Duration;
import edu.ucla.dgsom.escrow.credentials.control.NewSecrets;
import edu.ucla.dgsom.escrow.crypto.control.KeyStoreFile;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Every record that can hold a secret (password, token, seed, code, cookie) keeps it out of toString(). */
class SecretRedactionTest {

    private static final String SECRET = "s3cret-VALUE-4711";
    private static final String OTHER = "0th3r-VALUE-0815";

    private static void redacts(Object record) {
        String text = record.toString();
        assertFalse(text.contains(SECRET) || text.contains(OTHER), () -> record.getClass().getName() + ": " + text);
    }

    @Test
    void a_token_view_redacts_the_token() {
        redacts(new TokenView("id", "name", "AUDITOR", null, Instant.now(), "person:x", Instant.now(), null, null,
                SECRET));
    }

    @Test
    void a_created_token_redacts_its_secret() {
        redacts(new ApiTokens.Created(new ApiToken("name", Role.AUDITOR, null, OTHER, "person:x", Instant.now(),
                Instant.now()), SECRET));
    }

    @Test
    void a_session_view_redacts_the_csrf_token() {
        redacts(new SessionView("PERSON", "id", "name", null, List.of(), List.of(), List.of(), null, SECRET, Instant.now(),
                true, null));
    }

    @Test
    void a_sign_in_result_redacts_the_session_csrf_and_device_tokens() {
        redacts(new SignIns.Result(SignIns.Result.Status.SIGNED_IN, "id", SECRET, OTHER, SECRET + OTHER,
                Instant.now(), Instant.now(), null, Duration.ZERO, Duration.ZERO));
    }

    @Test
    void recovery_codes_are_redacted() {
        redacts(new RecoveryCodes(List.of(SECRET, OTHER)));
    }

    @Test
    void an_mfa_enrolment_redacts_the_seed_and_its_uri() {
        redacts(new MfaEnrolmentView("otpauth://totp/x?secret=" + SECRET, OTHER, "SHA1", 6, 30));
        redacts(new MfaEnrolments.Enrolment(OTHER, "otpauth://totp/x?secret=" + SECRET, "SHA1", 6, 30));
    }

    @Test
    void an_mfa_confirmation_redacts_the_code() {
        redacts(new MfaConfirmation(SECRET));
    }

    @Test
    void a_sign_in_request_redacts_the_password_and_codes() {
        redacts(new SignInRequest("user", SECRET, OTHER, OTHER));
    }

    @Test
    void a_password_change_redacts_both_passwords() {
        redacts(new PasswordChange(SECRET, OTHER));
    }

    @Test
    void a_person_request_redacts_the_initial_password() {
        redacts(new PersonRequest("E1", "Name", "a@example.edu", "d", new PersonRequest.SignInSetup("user", SECRET)));
    }

    @Test
    void generated_passwords_are_redacted() {
        redacts(new GeneratedPassword(SECRET, "instagram", 20, List.of(CharacterClass.DIGITS), false));
        redacts(new PasswordGenerator.Generated(SECRET, 20, Set.of(CharacterClass.DIGITS)));
    }

    @Test
    void credential_changes_and_their_parts_are_redacted() {
        TotpInput totp = new TotpInput("otpauth://totp/x?secret=" + SECRET, OTHER, "SHA1", 6, 30);
        SecurityQuestion question = new SecurityQuestion("First pet?", SECRET);
        redacts(totp);
        redacts(question);
        redacts(new CredentialChange("reason", SECRET, OTHER, totp, List.of(SECRET), List.of(1), "r@example.edu",
                "+1 310 555 0100", List.of(question), SECRET, List.of()));
        redacts(new NewSecrets(SECRET, OTHER, totp, List.of(SECRET), List.of(1), "r@example.edu", "+1 310 555 0100",
                List.of(question), SECRET, Set.of()));
    }

    @Test
    void key_material_never_prints_a_key() {
        SecretKey root = new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "AES") {
            @Override
            public String toString() {
                return SECRET;
            }
        };
        redacts(new KeyStoreFile.KeyMaterial(root, null, null));
    }

    @Test
    void revealed_credentials_and_codes_are_redacted() {
        RevealedCredentials.RevealedTotp totp = new RevealedCredentials.RevealedTotp(SECRET, "SHA1", 6, 30);
        RevealedCredentials.RecoveryCode code = new RevealedCredentials.RecoveryCode(1, SECRET, false);
        redacts(totp);
        redacts(code);
        redacts(new RevealedCredentials("a", 1, Instant.now(), "person:x", SECRET, OTHER, totp, List.of(code), SECRET,
                OTHER, List.of(new SecurityQuestion("q", SECRET)), OTHER));
        redacts(new TotpCode(SECRET, 10, 6, 30, 1, SECRET));
    }
}
