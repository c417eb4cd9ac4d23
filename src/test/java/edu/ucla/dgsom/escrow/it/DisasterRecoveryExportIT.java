package edu.ucla.dgsom.escrow.it;

import static edu.ucla.dgsom.escrow.it.AccountRequestsIT.awaitMailTo;
import static edu.ucla.dgsom.escrow.it.CredentialsIT.assertField;
import static edu.ucla.dgsom.escrow.it.PlatformIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The disaster-recovery export over HTTP: a DGIT admin person with MFA gets an OpenPGP message that the real gpg
 * opens with a development recovery key, holding the account and its password; it is audited with the ciphertext's
 * digest and every DGIT admin is told. Anyone else, and a token, is refused.
 */
@ExtendWith(LiveService.class)
class DisasterRecoveryExportIT {

    private static final String PATH = "/api/v1/exports/disaster-recovery";

    private static String request(String reason, boolean allVersions) {
        return Json.createObjectBuilder().add("reason", reason).add("allVersions", allVersions).build().toString();
    }

    private static JsonObject escrowedAccount(JsonObject export, String accountId) {
        return export.getJsonArray("accounts").getValuesAs(JsonObject.class).stream()
                .filter(a -> a.getString("id").equals(accountId)).findFirst()
                .orElseThrow(() -> new AssertionError("account " + accountId + " is not in the export"));
    }

    @Test
    void a_dgit_admin_with_mfa_exports_every_account_and_gpg_opens_it_with_a_recovery_key() throws Exception {
        CredentialsIT.Fixture fixture = CredentialsIT.Fixture.create("DREXP");
        String first = TestSecrets.remember("Pw-first-" + UUID.randomUUID());
        String second = TestSecrets.remember("Pw-ünïcødé-" + UUID.randomUUID());
        assertEquals(201, CredentialsIT.rotate(fixture.owner().api(), fixture, 0, Json.createObjectBuilder()
                .add("reason", "Escrow the account's credentials").add("loginIdentifier", "dgsom-dr")
                .add("password", first)).status());
        assertEquals(201, CredentialsIT.rotate(fixture.owner().api(), fixture, 1, Json.createObjectBuilder()
                .add("reason", "Rotate the password before the drill").add("password", second)).status());
        People.Session admin = People.dgitAdmin(fixture.departmentId());
        String requestId = UUID.randomUUID().toString();

        HttpResponse<byte[]> exported = admin.api().postForBytes(PATH, request("Quarterly disaster-recovery drill",
                true), "X-Request-Id", requestId);
        assertEquals(200, exported.statusCode(), () -> new String(exported.body(), StandardCharsets.UTF_8));
        assertEquals("application/octet-stream", exported.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(exported.headers().firstValue("Content-Disposition").orElseThrow()
                .matches("attachment; filename=\"escrow-dr-\\d{8}T\\d{6}Z\\.pgp\""), exported::toString);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(exported.body()));

        JsonObject export;
        try (Gpg gpg = Gpg.withRecoveryKey("gpg-dr-it", "recovery-2.sec.asc")) {
            Gpg.Decrypted decrypted = gpg.decrypt(exported.body());
            assertEquals(0, decrypted.exitCode(), decrypted.log());
            assertTrue(decrypted.status().contains("[GNUPG:] GOODSIG "), decrypted.status());
            export = Json.createReader(new StringReader(decrypted.text())).readObject();
        }
        assertEquals("escrow-disaster-recovery", export.getString("format"));
        assertEquals(1, export.getInt("formatVersion"));
        assertEquals(Api.live().get("/api/v1/installation").json().getString("id"), export.getString("installationId"));
        assertTrue(export.getBoolean("allVersions"));
        JsonObject account = escrowedAccount(export, fixture.accountId());
        assertEquals(fixture.departmentId(), account.getString("departmentId"));
        assertEquals(fixture.contentOwner().personId(), account.getString("contentOwnerId"));
        assertEquals(2, account.getInt("currentVersion"));
        var versions = account.getJsonArray("credentials").getValuesAs(JsonObject.class);
        assertEquals(2, versions.size(), "every version, oldest first");
        assertEquals(first, versions.get(0).getString("password"));
        assertEquals(second, versions.get(1).getString("password"));
        assertEquals("dgsom-dr", versions.get(1).getString("loginIdentifier"), "carried over");
        assertTrue(export.getJsonArray("departments").getValuesAs(JsonObject.class).stream()
                .anyMatch(d -> d.getString("id").equals(fixture.departmentId())));
        assertTrue(export.getJsonArray("people").getValuesAs(JsonObject.class).stream()
                .anyMatch(p -> p.getString("id").equals(fixture.moderator().personId())
                        && !p.getString("email").isBlank()));
        assertEquals(export.getJsonArray("accounts").size(), export.getJsonObject("counts").getInt("accounts"));

        assertEquals(1, TestDatabase.auditCount("request_id = '" + requestId + "' AND action ="
                + " 'DISASTER_RECOVERY_EXPORT' AND outcome = 'ALLOWED' AND reason = 'Quarterly disaster-recovery drill'"
                + " AND details LIKE '%" + sha256 + "%'"));
        assertEquals(0, TestDatabase.auditCount("request_id = '" + requestId + "' AND (details LIKE '%" + second
                + "%' OR reason LIKE '%" + second + "%')"), "no secret in the audit trail");
        String email = Api.admin().get("/api/v1/people/" + admin.personId()).json().getString("email");
        String body = awaitMailTo(email, "Disaster-recovery export").getContent().toString();
        assertTrue(body.contains("Quarterly disaster-recovery drill") && body.contains(sha256), body);
        assertTrue(!body.contains(second), "no secret in the mail");
    }

    @Test
    void the_current_version_only_by_default_and_the_other_recovery_key_opens_it_too() throws Exception {
        CredentialsIT.Fixture fixture = CredentialsIT.Fixture.create("DRCUR");
        String password = TestSecrets.remember("Pw-current-" + UUID.randomUUID());
        assertEquals(201, CredentialsIT.rotate(fixture.owner().api(), fixture, 0, Json.createObjectBuilder()
                .add("reason", "Escrow the account's credentials").add("password", password)).status());
        HttpResponse<byte[]> exported = People.dgitAdmin(fixture.departmentId()).api().postForBytes(PATH,
                "{\"reason\":\"Copy for the offsite safe\"}");
        assertEquals(200, exported.statusCode());
        try (Gpg gpg = Gpg.withRecoveryKey("gpg-dr-it-1", "recovery-1.sec.asc")) {
            Gpg.Decrypted decrypted = gpg.decrypt(exported.body());
            assertEquals(0, decrypted.exitCode(), decrypted.log());
            JsonObject export = Json.createReader(new StringReader(decrypted.text())).readObject();
            assertEquals(JsonValue.FALSE, export.get("allVersions"));
            var versions = escrowedAccount(export, fixture.accountId()).getJsonArray("credentials");
            assertEquals(1, versions.size());
            assertEquals(password, versions.getJsonObject(0).getString("password"));
        }
    }

    @Test
    void without_a_reason_of_ten_characters_it_is_refused() throws Exception {
        People.Session admin = People.dgitAdmin(People.createDepartment("DRNR-" + UUID.randomUUID().toString()
                .substring(0, 4)));
        assertField(admin.api().post(PATH, "{}"), 400, "reason");
        assertField(admin.api().post(PATH, "{\"reason\":\"short\"}"), 400, "reason");
    }

    @Test
    void a_department_owner_a_token_and_an_auditor_are_refused() throws Exception {
        String department = People.createDepartment("DRREF-" + UUID.randomUUID().toString().substring(0, 4));
        String body = request("Trying to take everything home", false);
        String requestId = UUID.randomUUID().toString();
        assertProblem(People.departmentOwner(department).api().post(PATH, body, "X-Request-Id", requestId), 403,
                "forbidden");
        assertEquals(1, TestDatabase.auditCount("request_id = '" + requestId + "' AND outcome = 'DENIED'"));
        assertProblem(Api.admin().post(PATH, body), 403, "person-with-mfa-required");
        assertProblem(Api.live().bearer(People.token("DGIT_ADMIN")).post(PATH, body), 403,
                "person-with-mfa-required");
        assertProblem(Api.live().bearer(People.token("AUDITOR")).post(PATH, body), 403, "forbidden");
        assertProblem(Api.live().post(PATH, body), 401, "unauthenticated");
    }
}
