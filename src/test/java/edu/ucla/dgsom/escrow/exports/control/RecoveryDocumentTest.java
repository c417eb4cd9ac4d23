package edu.ucla.dgsom.escrow.exports.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.ucla.dgsom.escrow.access.control.DepartmentDetails;
import edu.ucla.dgsom.escrow.access.control.PersonDetails;
import edu.ucla.dgsom.escrow.accounts.control.RegisteredAccount;
import edu.ucla.dgsom.escrow.credentials.control.RevealedCredentials;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plaintext JSON of the disaster-recovery export, as docs/operations.md documents it. */
class RecoveryDocumentTest {

    private static final Instant AT = Instant.parse("2026-12-03T19:04:09Z");

    @Test
    void every_documented_key_is_written_absent_values_as_null_and_credentials_opened_only_for_accounts_that_have_them() {
        RegisteredAccount escrowed = account("a-1", 2);
        RegisteredAccount bare = account("a-2", 0);
        List<String> opened = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecoveryDocument.Counts counts = RecoveryDocument.write(out, new RecoveryDocument.Header("inst-1", AT,
                "person:p-1 (Ada)", "Quarterly drill", false),
                List.of(new DepartmentDetails("d-1", "DGSOM", "Dean's office", AT)),
                List.of(new PersonDetails("p-1", "E1", "Ada Admin", "Ada", "Admin", "ada@ucla.edu", "d-1", "ada",
                        true, AT, AT)),
                List.of(escrowed, bare), account -> {
                    opened.add(account.id());
                    return List.of(new RevealedCredentials(account.id(), 2, AT, "person:p-1", "dgsom", "pässwörd",
                            null, List.of(new RevealedCredentials.RecoveryCode(1, "abcd-efgh", false)), null, null,
                            null, null));
                });

        assertEquals(List.of("a-1"), opened);
        assertEquals(new RecoveryDocument.Counts(1, 1, 2, 1), counts);
        JsonObject json = Json.createReader(new StringReader(out.toString(StandardCharsets.UTF_8))).readObject();
        assertEquals("escrow-disaster-recovery", json.getString("format"));
        assertEquals(1, json.getInt("formatVersion"));
        assertEquals("2026-12-03T19:04:09Z", json.getString("generatedAt"));
        JsonObject first = json.getJsonArray("accounts").getJsonObject(0);
        assertEquals(2, first.getInt("currentVersion"));
        JsonObject credentials = first.getJsonArray("credentials").getJsonObject(0);
        assertEquals("pässwörd", credentials.getString("password"));
        assertEquals(JsonValue.NULL, credentials.get("totp"));
        assertEquals(JsonValue.NULL, credentials.get("securityQuestions"));
        assertEquals("abcd-efgh", credentials.getJsonArray("recoveryCodes").getJsonObject(0).getString("code"));
        assertEquals(JsonValue.NULL, first.get("statusReason"));
        assertTrue(json.getJsonArray("accounts").getJsonObject(1).getJsonArray("credentials").isEmpty());
        assertEquals(1, json.getJsonObject("counts").getInt("credentialVersions"));
    }

    private static RegisteredAccount account(String id, int version) {
        return new RegisteredAccount(id, "INSTAGRAM", null, "@dgsom", "https://www.instagram.com/dgsom", "DGSOM",
                "d-1", "ACTIVE", null, null, "p-1", "p-2", null, version, List.of(), AT, AT, AT);
    }
}
