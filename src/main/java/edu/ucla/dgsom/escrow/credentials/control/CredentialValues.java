package edu.ucla.dgsom.escrow.credentials.control;

import static edu.ucla.dgsom.escrow.web.SharedJsonProvider.JSON;

import edu.ucla.dgsom.escrow.credentials.entity.CredentialField;
import edu.ucla.dgsom.escrow.credentials.entity.CredentialVersion;
import edu.ucla.dgsom.escrow.crypto.control.Totp;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How each credential field is written before sealing: text as UTF-8 exactly as given, the TOTP seed in
 * {@link TotpSettings}' binary form, recovery codes and security questions as small JSON arrays.
 */
final class CredentialValues {

    private CredentialValues() {
    }

    /** The plaintext of every field {@code change} sets; the caller wipes the arrays. */
    static Map<CredentialField, byte[]> of(NewSecrets change) {
        Map<CredentialField, byte[]> values = new EnumMap<>(CredentialField.class);
        try {
            texts(values, change.loginIdentifier(), change.password(), change.recoveryEmail(), change.recoveryPhone(),
                    change.notes());
            TotpInput totp = change.totp();
            if (totp != null) {
                TotpSettings settings = TotpSettings.of("totp", totp);
                values.put(CredentialField.TOTP, settings.encode());
                settings.wipe();
            }
            if (change.recoveryCodes() != null) {
                JsonArrayBuilder codes = JSON.createArrayBuilder();
                change.recoveryCodes().forEach(code -> codes.add(JSON.createObjectBuilder().add("code", code)
                        .add("used", false)));
                values.put(CredentialField.RECOVERY_CODES, bytes(codes.build()));
            }
            questions(values, change.securityQuestions());
            return values;
        } catch (RuntimeException e) {
            values.values().forEach(CredentialValues::wipe);
            throw e;
        }
    }

    /**
     * The plaintext of every field a disaster-recovery export holds for a version, recovery codes with their used
     * marks; {@code field} names the version in a refusal (e.g. of a TOTP secret). The caller wipes the arrays.
     */
    static Map<CredentialField, byte[]> of(RevealedCredentials restored, String field) {
        Map<CredentialField, byte[]> values = new EnumMap<>(CredentialField.class);
        try {
            texts(values, restored.loginIdentifier(), restored.password(), restored.recoveryEmail(),
                    restored.recoveryPhone(), restored.notes());
            RevealedCredentials.RevealedTotp totp = restored.totp();
            if (totp != null) {
                TotpSettings settings = TotpSettings.of(field + ".totp", new TotpInput(null, totp.secret(),
                        totp.algorithm(), totp.digits(), totp.period()));
                values.put(CredentialField.TOTP, settings.encode());
                settings.wipe();
            }
            if (restored.recoveryCodes() != null) {
                JsonArrayBuilder codes = JSON.createArrayBuilder();
                restored.recoveryCodes().forEach(code -> codes.add(JSON.createObjectBuilder().add("code", code.code())
                        .add("used", code.used())));
                values.put(CredentialField.RECOVERY_CODES, bytes(codes.build()));
            }
            questions(values, restored.securityQuestions());
            return values;
        } catch (RuntimeException e) {
            values.values().forEach(CredentialValues::wipe);
            throw e;
        }
    }

    private static void questions(Map<CredentialField, byte[]> values, List<SecurityQuestion> securityQuestions) {
        if (securityQuestions != null) {
            JsonArrayBuilder questions = JSON.createArrayBuilder();
            securityQuestions.forEach(q -> questions.add(JSON.createObjectBuilder()
                    .add("question", q.question()).add("answer", q.answer())));
            values.put(CredentialField.SECURITY_QUESTIONS, bytes(questions.build()));
        }
    }

    /** The recovery codes with those numbered (from 1) in {@code numbers} marked used; wipes {@code codes}. */
    static byte[] markUsed(byte[] codes, List<Integer> numbers) {
        JsonArray array = array(codes);
        wipe(codes);
        JsonArrayBuilder marked = JSON.createArrayBuilder();
        for (Integer number : numbers) {
            if (number > array.size()) {
                throw ProblemException.invalidField("recoveryCodesUsed",
                        "there are only " + array.size() + " recovery codes");
            }
        }
        for (int i = 0; i < array.size(); i++) {
            JsonObject code = array.getJsonObject(i);
            marked.add(JSON.createObjectBuilder().add("code", code.getString("code"))
                    .add("used", code.getBoolean("used") || numbers.contains(i + 1)));
        }
        return bytes(marked.build());
    }

    static RevealedCredentials reveal(String accountId, CredentialVersion version,
            Map<CredentialField, byte[]> plaintext) {
        RevealedCredentials.RevealedTotp totp = null;
        if (plaintext.containsKey(CredentialField.TOTP)) {
            TotpSettings settings = TotpSettings.decode(plaintext.get(CredentialField.TOTP));
            totp = new RevealedCredentials.RevealedTotp(Totp.base32(settings.seed()), settings.algorithm().name(),
                    settings.digits(), settings.period());
            settings.wipe();
        }
        List<RevealedCredentials.RecoveryCode> codes = null;
        if (plaintext.containsKey(CredentialField.RECOVERY_CODES)) {
            JsonArray array = array(plaintext.get(CredentialField.RECOVERY_CODES));
            codes = java.util.stream.IntStream.range(0, array.size()).mapToObj(i -> new RevealedCredentials
                    .RecoveryCode(i + 1, array.getJsonObject(i).getString("code"),
                    array.getJsonObject(i).getBoolean("used"))).toList();
        }
        List<SecurityQuestion> questions = null;
        if (plaintext.containsKey(CredentialField.SECURITY_QUESTIONS)) {
            questions = array(plaintext.get(CredentialField.SECURITY_QUESTIONS)).getValuesAs(JsonObject.class)
                    .stream().map(q -> new SecurityQuestion(q.getString("question"), q.getString("answer"))).toList();
        }
        return new RevealedCredentials(accountId, version.version(), version.createdAt(), version.createdBy(),
                text(plaintext.get(CredentialField.LOGIN_IDENTIFIER)), text(plaintext.get(CredentialField.PASSWORD)),
                totp, codes, text(plaintext.get(CredentialField.RECOVERY_EMAIL)),
                text(plaintext.get(CredentialField.RECOVERY_PHONE)), questions,
                text(plaintext.get(CredentialField.NOTES)));
    }

    static void wipe(byte[] plaintext) {
        if (plaintext != null) {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** The text fields, each as UTF-8 when it is set. */
    private static void texts(Map<CredentialField, byte[]> values, String loginIdentifier, String password,
            String recoveryEmail, String recoveryPhone, String notes) {
        text(values, CredentialField.LOGIN_IDENTIFIER, loginIdentifier);
        text(values, CredentialField.PASSWORD, password);
        text(values, CredentialField.RECOVERY_EMAIL, recoveryEmail);
        text(values, CredentialField.RECOVERY_PHONE, recoveryPhone);
        text(values, CredentialField.NOTES, notes);
    }

    private static void text(Map<CredentialField, byte[]> values, CredentialField field, String value) {
        if (value != null) {
            values.put(field, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    static String text(byte[] plaintext) {
        return plaintext == null ? null : new String(plaintext, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(JsonArray array) {
        return array.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonArray array(byte[] json) {
        try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(json))) {
            return reader.readArray();
        }
    }
}
