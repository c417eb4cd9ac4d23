package edu.ucla.dgsom.escrow.exports.control;

import static edu.ucla.dgsom.escrow.web.SharedJsonProvider.JSON;

import edu.ucla.dgsom.escrow.access.control.DepartmentDetails;
import edu.ucla.dgsom.escrow.access.control.PersonDetails;
import edu.ucla.dgsom.escrow.accounts.control.RegisteredAccount;
import edu.ucla.dgsom.escrow.credentials.control.RevealedCredentials;
import edu.ucla.dgsom.escrow.credentials.control.SecurityQuestion;
import jakarta.json.stream.JsonGenerator;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes the plaintext of a disaster-recovery export, format version {@value #FORMAT_VERSION}, as JSON streamed
 * with JSON-P (docs/operations.md has the schema): the whole document is never held as one string, and an
 * account's credentials are opened only when it is written. Every documented key is always present, {@code null}
 * when there is nothing.
 */
public final class RecoveryDocument {

    public static final String FORMAT = "escrow-disaster-recovery";
    public static final int FORMAT_VERSION = 1;

    /** What was written, for the audit entry and the mail. */
    public record Counts(int departments, int people, int accounts, int credentialVersions) {
    }

    /** Who asked, when, why and for what. */
    public record Header(String installationId, Instant generatedAt, String generatedBy, String reason,
            boolean allVersions) {
    }

    private RecoveryDocument() {
    }

    /** Writes the document to {@code out} (UTF-8), which it does not close. */
    public static Counts write(OutputStream out, Header header, List<DepartmentDetails> departments,
            List<PersonDetails> people, List<RegisteredAccount> accounts,
            Function<RegisteredAccount, List<RevealedCredentials>> credentials) {
        int versions = 0;
        try (JsonGenerator json = JSON.createGeneratorFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true))
                .createGenerator(new Unclosed(out), StandardCharsets.UTF_8)) {
            json.writeStartObject()
                    .write("format", FORMAT)
                    .write("formatVersion", FORMAT_VERSION);
            strings(json, "installationId", header.installationId(), "generatedAt", header.generatedAt(),
                    "generatedBy", header.generatedBy(), "reason", header.reason());
            json.write("allVersions", header.allVersions());
            json.writeStartArray("departments");
            for (DepartmentDetails d : departments) {
                json.writeStartObject();
                strings(json, "id", d.id(), "code", d.code(), "name", d.name(), "createdAt", d.createdAt());
                json.writeEnd();
            }
            json.writeEnd().writeStartArray("people");
            for (PersonDetails p : people) {
                json.writeStartObject();
                strings(json, "id", p.id(), "employeeId", p.employeeId(), "name", p.name(), "givenName",
                        p.givenName(), "familyName", p.familyName(), "email", p.email(), "departmentId",
                        p.departmentId(), "userName", p.userName());
                json.write("active", p.active());
                json.writeEnd();
            }
            json.writeEnd().writeStartArray("accounts");
            for (RegisteredAccount a : accounts) {
                versions += account(json, a, a.hasCredentials() ? credentials.apply(a) : List.of());
            }
            json.writeEnd();
            json.writeStartObject("counts")
                    .write("departments", departments.size())
                    .write("people", people.size())
                    .write("accounts", accounts.size())
                    .write("credentialVersions", versions)
                    .writeEnd();
            json.writeEnd();
        }
        return new Counts(departments.size(), people.size(), accounts.size(), versions);
    }

    private static int account(JsonGenerator json, RegisteredAccount a, List<RevealedCredentials> versions) {
        json.writeStartObject();
        strings(json, "id", a.id(), "platform", a.platform(), "platformName", a.platformName(), "handle",
                a.handle(), "profileUrl", a.profileUrl(), "displayName", a.displayName(), "departmentId",
                a.departmentId(), "status", a.status(), "statusReason", a.statusReason(), "statusChangedAt",
                a.statusChangedAt(), "contentOwnerId", a.contentOwnerId(), "backupModeratorId",
                a.backupModeratorId(), "notes", a.notes(), "approvedAt", a.approvedAt(), "createdAt",
                a.createdAt(), "updatedAt", a.updatedAt());
        json.write("currentVersion", a.credentialVersion());
        json.writeStartArray("credentials");
        for (RevealedCredentials c : versions) {
            credentials(json, c);
        }
        json.writeEnd().writeEnd();
        return versions.size();
    }

    private static void credentials(JsonGenerator json, RevealedCredentials c) {
        json.writeStartObject().write("version", c.version());
        strings(json, "rotatedAt", c.rotatedAt(), "rotatedBy", c.rotatedBy(), "loginIdentifier",
                c.loginIdentifier(), "password", c.password());
        if (c.totp() == null) {
            json.writeNull("totp");
        } else {
            json.writeStartObject("totp").write("secret", c.totp().secret()).write("algorithm", c.totp().algorithm())
                    .write("digits", c.totp().digits()).write("period", c.totp().period()).writeEnd();
        }
        if (c.recoveryCodes() == null) {
            json.writeNull("recoveryCodes");
        } else {
            json.writeStartArray("recoveryCodes");
            for (RevealedCredentials.RecoveryCode code : c.recoveryCodes()) {
                json.writeStartObject().write("number", code.number()).write("code", code.code())
                        .write("used", code.used()).writeEnd();
            }
            json.writeEnd();
        }
        strings(json, "recoveryEmail", c.recoveryEmail(), "recoveryPhone", c.recoveryPhone());
        if (c.securityQuestions() == null) {
            json.writeNull("securityQuestions");
        } else {
            json.writeStartArray("securityQuestions");
            for (SecurityQuestion q : c.securityQuestions()) {
                json.writeStartObject().write("question", q.question()).write("answer", q.answer()).writeEnd();
            }
            json.writeEnd();
        }
        strings(json, "notes", c.notes());
        json.writeEnd();
    }

    /** Names and values in turn, each value written as its text, or null. */
    private static void strings(JsonGenerator json, Object... namesAndValues) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String name = (String) namesAndValues[i];
            Object value = namesAndValues[i + 1];
            if (value == null) {
                json.writeNull(name);
            } else {
                json.write(name, value.toString());
            }
        }
    }

    /** Closing the generator flushes the stream it wrote to but leaves it open for the envelope to finish. */
    private static final class Unclosed extends java.io.FilterOutputStream {

        Unclosed(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws java.io.IOException {
            flush();
        }
    }
}
