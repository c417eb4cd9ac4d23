package edu.ucla.dgsom.escrow.exports.control;

import static edu.ucla.dgsom.escrow.web.SharedJsonProvider.JSON;

import edu.ucla.dgsom.escrow.access.control.DepartmentDetails;
import edu.ucla.dgsom.escrow.access.control.PersonDetails;
import edu.ucla.dgsom.escrow.accounts.control.RegisteredAccount;
import edu.ucla.dgsom.escrow.credentials.control.RevealedCredentials;
import edu.ucla.dgsom.escrow.credentials.control.SecurityQuestion;
import edu.ucla.dgsom.escrow.problems.Problem;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Reads the plaintext of a disaster-recovery export, format version {@value RecoveryDocument#FORMAT_VERSION}, as
 * {@link RecoveryDocument} writes it (docs/operations.md has the schema). A file of another format or version, or
 * one that does not fit the schema, is refused with a 400 naming where (e.g. {@code accounts[3].credentials[0].version});
 * what a refusal says never includes a value of the file, so no secret reaches a problem or a log.
 */
public record RecoveryFile(String installationId, List<DepartmentDetails> departments, List<PersonDetails> people,
        List<Account> accounts) {

    /** An account of the file and its credential versions, oldest first. */
    public record Account(RegisteredAccount registered, List<RevealedCredentials> credentials) {
    }

    public int credentialVersions() {
        return accounts.stream().mapToInt(a -> a.credentials().size()).sum();
    }

    public static RecoveryFile read(byte[] json) {
        JsonObject document;
        try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(json))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw invalid("document", "a JSON object");
            }
            document = value.asJsonObject();
        } catch (JsonParsingException e) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The file is not valid JSON",
                    List.of(new Problem.FieldError("document", "not valid JSON at line " + e.getLocation()
                            .getLineNumber() + ", column " + e.getLocation().getColumnNumber())));
        } catch (JsonException e) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The file is not valid JSON",
                    List.of(new Problem.FieldError("document", "not valid UTF-8 JSON")));
        }
        if (!RecoveryDocument.FORMAT.equals(string(document, "format", "", true))) {
            throw invalid("format", "must be " + RecoveryDocument.FORMAT);
        }
        JsonValue version = document.get("formatVersion");
        if (!(version instanceof JsonNumber number) || !number.isIntegral()
                || number.longValue() != RecoveryDocument.FORMAT_VERSION) {
            throw invalid("formatVersion", "this installation reads version " + RecoveryDocument.FORMAT_VERSION
                    + " only");
        }
        return new RecoveryFile(string(document, "installationId", "", false),
                list(document, "departments", "", RecoveryFile::department),
                list(document, "people", "", RecoveryFile::person),
                list(document, "accounts", "", RecoveryFile::account));
    }

    private static DepartmentDetails department(JsonObject d, String at) {
        return new DepartmentDetails(string(d, "id", at, true), string(d, "code", at, true),
                string(d, "name", at, true), instant(d, "createdAt", at, true));
    }

    private static PersonDetails person(JsonObject p, String at) {
        return new PersonDetails(string(p, "id", at, true), string(p, "employeeId", at, true),
                string(p, "name", at, true), string(p, "givenName", at, false), string(p, "familyName", at, false),
                string(p, "email", at, true), string(p, "departmentId", at, true), string(p, "userName", at, false),
                bool(p, "active", at), null, null);
    }

    private static Account account(JsonObject a, String at) {
        List<RevealedCredentials> credentials = list(a, "credentials", at, RecoveryFile::credentials);
        int current = integer(a, "currentVersion", at);
        int last = credentials.isEmpty() ? 0 : credentials.get(credentials.size() - 1).version();
        if (current != last) {
            throw invalid(at + ".currentVersion", "the version of the last credentials (0 without any)");
        }
        String id = string(a, "id", at, true);
        RegisteredAccount registered = new RegisteredAccount(id, string(a, "platform", at, true),
                string(a, "platformName", at, false), string(a, "handle", at, true),
                string(a, "profileUrl", at, false), string(a, "displayName", at, true),
                string(a, "departmentId", at, true), string(a, "status", at, true),
                string(a, "statusReason", at, false), instant(a, "statusChangedAt", at, false),
                string(a, "contentOwnerId", at, true), string(a, "backupModeratorId", at, true),
                string(a, "notes", at, false), current, List.of(), instant(a, "approvedAt", at, false),
                instant(a, "createdAt", at, true), instant(a, "updatedAt", at, true));
        return new Account(registered, credentials.stream().map(c -> new RevealedCredentials(id, c.version(),
                c.rotatedAt(), c.rotatedBy(), c.loginIdentifier(), c.password(), c.totp(), c.recoveryCodes(),
                c.recoveryEmail(), c.recoveryPhone(), c.securityQuestions(), c.notes())).toList());
    }

    private static RevealedCredentials credentials(JsonObject c, String at) {
        RevealedCredentials.RevealedTotp totp = null;
        JsonObject t = object(c, "totp", at);
        if (t != null) {
            String where = at + ".totp";
            totp = new RevealedCredentials.RevealedTotp(string(t, "secret", where, true),
                    string(t, "algorithm", where, true), integer(t, "digits", where), integer(t, "period", where));
        }
        List<RevealedCredentials.RecoveryCode> codes = c.get("recoveryCodes") == null
                || c.get("recoveryCodes").getValueType() == JsonValue.ValueType.NULL ? null
                : list(c, "recoveryCodes", at, (code, where) -> new RevealedCredentials.RecoveryCode(
                        integer(code, "number", where), string(code, "code", where, true), bool(code, "used", where)));
        List<SecurityQuestion> questions = c.get("securityQuestions") == null
                || c.get("securityQuestions").getValueType() == JsonValue.ValueType.NULL ? null
                : list(c, "securityQuestions", at, (q, where) -> new SecurityQuestion(string(q, "question", where,
                        true), string(q, "answer", where, true)));
        return new RevealedCredentials(null, integer(c, "version", at), instant(c, "rotatedAt", at, false),
                string(c, "rotatedBy", at, false), string(c, "loginIdentifier", at, false),
                string(c, "password", at, false), totp, codes, string(c, "recoveryEmail", at, false),
                string(c, "recoveryPhone", at, false), questions, string(c, "notes", at, false));
    }

    private static <T> List<T> list(JsonObject parent, String key, String at,
            BiFunction<JsonObject, String, T> item) {
        String where = path(at, key);
        JsonValue value = parent.get(key);
        if (!(value instanceof JsonArray array)) {
            throw invalid(where, "an array");
        }
        List<T> items = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String itemAt = where + "[" + i + "]";
            if (array.get(i).getValueType() != JsonValue.ValueType.OBJECT) {
                throw invalid(itemAt, "an object");
            }
            items.add(item.apply(array.getJsonObject(i), itemAt));
        }
        return items;
    }

    private static JsonObject object(JsonObject parent, String key, String at) {
        JsonValue value = parent.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw invalid(path(at, key), "an object or null");
        }
        return value.asJsonObject();
    }

    private static String string(JsonObject parent, String key, String at, boolean required) {
        JsonValue value = parent.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            if (required) {
                throw invalid(path(at, key), "required");
            }
            return null;
        }
        if (!(value instanceof JsonString text)) {
            throw invalid(path(at, key), "a string" + (required ? "" : " or null"));
        }
        if (required && text.getString().isBlank()) {
            throw invalid(path(at, key), "required");
        }
        return text.getString();
    }

    private static Instant instant(JsonObject parent, String key, String at, boolean required) {
        String text = string(parent, key, at, required);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(path(at, key), "an ISO-8601 UTC instant");
        }
    }

    private static int integer(JsonObject parent, String key, String at) {
        JsonValue value = parent.get(key);
        if (!(value instanceof JsonNumber number) || !number.isIntegral() || number.longValue() < 0
                || number.longValue() > Integer.MAX_VALUE) {
            throw invalid(path(at, key), "a whole number from 0");
        }
        return number.intValue();
    }

    private static boolean bool(JsonObject parent, String key, String at) {
        JsonValue value = parent.get(key);
        if (value == null || (value.getValueType() != JsonValue.ValueType.TRUE
                && value.getValueType() != JsonValue.ValueType.FALSE)) {
            throw invalid(path(at, key), "true or false");
        }
        return value.getValueType() == JsonValue.ValueType.TRUE;
    }

    private static String path(String at, String key) {
        return at.isEmpty() ? key : at + "." + key;
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(ProblemType.VALIDATION_FAILED, "The disaster-recovery file is invalid at " + field
                + ": " + message, List.of(new Problem.FieldError(field, message)));
    }
}
