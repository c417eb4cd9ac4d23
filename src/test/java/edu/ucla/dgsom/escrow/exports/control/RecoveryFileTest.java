package edu.ucla.dgsom.escrow.exports.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import edu.ucla.dgsom.escrow.access.control.DepartmentDetails;
import edu.ucla.dgsom.escrow.access.control.PersonDetails;
import edu.ucla.dgsom.escrow.accounts.control.RegisteredAccount;
import edu.ucla.dgsom.escrow.credentials.control.RevealedCredentials;
import edu.ucla.dgsom.escrow.credentials.control.SecurityQuestion;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading back what {@link RecoveryDocument} writes, and refusing what it would not have written. */
class RecoveryFileTest {

    private static final Instant AT = Instant.parse("2026-12-03T19:04:09.123456Z");
    private static final RevealedCredentials VERSION = new RevealedCredentials("a-1", 3, AT, "person:p-1", "dgsom",
            "pässwörd 🔑", new RevealedCredentials.RevealedTotp("JBSWY3DPEHPK3PXP", "SHA256", 8, 30),
            List.of(new RevealedCredentials.RecoveryCode(1, "abcd-efgh", true)), "r@ucla.edu", "+1 310 555 0100",
            List.of(new SecurityQuestion("Pet?", "Fluffy")), "line one\nline two");

    private static byte[] written() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecoveryDocument.write(out, new RecoveryDocument.Header("inst-1", AT, "person:p-1", "Quarterly drill", true),
                List.of(new DepartmentDetails("d-1", "DGSOM", "Dean's office", AT)),
                List.of(new PersonDetails("p-1", "E1", "Ada Admin", "Ada", null, "ada@ucla.edu", "d-1", null, false,
                        AT, AT)),
                List.of(new RegisteredAccount("a-1", "OTHER", "Mastodon", "@dgsom", null, "DGSOM", "d-1",
                        "SUSPENDED", "a post", AT, "p-1", "p-2", null, 3, List.of(), null, AT, AT)),
                account -> List.of(VERSION));
        return out.toByteArray();
    }

    private static JsonObject document() {
        return Json.createReader(new StringReader(new String(written(), StandardCharsets.UTF_8))).readObject();
    }

    private static ProblemException refused(String json) {
        return assertThrows(ProblemException.class, () -> RecoveryFile.read(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertRefusedAt(ProblemType type, String field, String json) {
        ProblemException refused = refused(json);
        assertEquals(type, refused.type());
        assertEquals(field, refused.errors().get(0).field());
    }

    @Test
    void what_the_export_writes_is_read_back_field_by_field() {
        RecoveryFile file = RecoveryFile.read(written());

        assertEquals("inst-1", file.installationId());
        assertEquals(List.of(new DepartmentDetails("d-1", "DGSOM", "Dean's office", AT)), file.departments());
        PersonDetails person = file.people().get(0);
        assertEquals("E1", person.employeeId());
        assertNull(person.familyName());
        assertFalse(person.active());
        RegisteredAccount account = file.accounts().get(0).registered();
        assertEquals(new RegisteredAccount("a-1", "OTHER", "Mastodon", "@dgsom", null, "DGSOM", "d-1", "SUSPENDED",
                "a post", AT, "p-1", "p-2", null, 3, List.of(), null, AT, AT), account);
        RevealedCredentials version = file.accounts().get(0).credentials().get(0);
        assertEquals(List.of(VERSION.version(), VERSION.rotatedAt(), VERSION.rotatedBy(), VERSION.password(),
                VERSION.totp(), VERSION.recoveryCodes(), VERSION.securityQuestions(), VERSION.notes()),
                List.of(version.version(), version.rotatedAt(), version.rotatedBy(), version.password(),
                version.totp(), version.recoveryCodes(), version.securityQuestions(), version.notes()));
        assertEquals(1, file.credentialVersions());
    }

    @Test
    void another_format_or_version_is_refused_naming_the_field() {
        assertRefusedAt(ProblemType.VALIDATION_FAILED, "format",
                Json.createObjectBuilder(document()).add("format", "lastpass").build().toString());
        assertRefusedAt(ProblemType.VALIDATION_FAILED, "formatVersion",
                Json.createObjectBuilder(document()).add("formatVersion", 2).build().toString());
        assertRefusedAt(ProblemType.VALIDATION_FAILED, "formatVersion",
                Json.createObjectBuilder(document()).add("formatVersion", "1").build().toString());
    }

    @Test
    void a_malformed_document_is_refused_naming_where_and_never_quoting_a_value() {
        assertRefusedAt(ProblemType.MALFORMED_REQUEST, "document", "{\"format\": ");
        assertRefusedAt(ProblemType.VALIDATION_FAILED, "document", "[1, 2]");
        JsonObject account = document().getJsonArray("accounts").getJsonObject(0);
        JsonObject version = account.getJsonArray("credentials").getJsonObject(0);
        String wrongVersion = Json.createObjectBuilder(document()).add("accounts", Json.createArrayBuilder()
                .add(Json.createObjectBuilder(account).add("credentials", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder(version).add("version", "three"))))).build().toString();
        ProblemException refused = refused(wrongVersion);
        assertEquals("accounts[0].credentials[0].version", refused.errors().get(0).field());
        assertFalse(refused.getMessage().contains("pässwörd"));
        assertRefusedAt(ProblemType.VALIDATION_FAILED, "accounts[0].currentVersion", Json.createObjectBuilder(
                document()).add("accounts", Json.createArrayBuilder().add(Json.createObjectBuilder(account)
                        .add("currentVersion", 4))).build().toString());
        assertRefusedAt(ProblemType.VALIDATION_FAILED, "people[0].active", Json.createObjectBuilder(document())
                .add("people", Json.createArrayBuilder().add(Json.createObjectBuilder(document()
                        .getJsonArray("people").getJsonObject(0)).addNull("active"))).build().toString());
        assertRefusedAt(ProblemType.VALIDATION_FAILED, "departments",
                Json.createObjectBuilder(document()).remove("departments").build().toString());
    }
}
