package edu.ucla.dgsom.escrow.it;

import static edu.ucla.dgsom.escrow.it.CredentialsIT.assertField;
import static edu.ucla.dgsom.escrow.it.PlatformIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.ucla.dgsom.escrow.devstack.LocalStack;
import edu.ucla.dgsom.escrow.devstack.StackLayout;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.HttpCookie;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The disaster-recovery round trip between two databases: the run's service is installation A; a second, separate
 * installation B (its own MariaDB data directory under {@code target/it/restore-b}, its own Payara, its own free
 * ports, the same sample keys) is started here and stopped at the end, even on failure. A's export, decrypted by the
 * real gpg, is restored into B, B's export is decrypted too, and the two documents are compared field by field.
 */
@ExtendWith(LiveService.class)
class DisasterRecoveryRestoreIT {

    private static final String EXPORT = "/api/v1/exports/disaster-recovery";
    private static final String RESTORE = "/api/v1/restores?reason=" + Api.encode("DR drill: restore into B");
    private static final String EXPORT_REASON = "Disaster-recovery round trip between two databases";
    private static final int TOTP_PERIOD = 30;

    /**
     * What legitimately differs between A's export and B's: which installation wrote it, when, and who asked. Every
     * other top-level field is compared.
     */
    private static final Set<String> DIFFERING_HEADER = Set.of("installationId", "generatedAt", "generatedBy");
    /**
     * B had two records before the restore, made by its own first start: the DGIT department and the first DGIT
     * admin. The restore matches A's by code and by employee id and keeps B's; their ids (and so every reference
     * to them) and their own fields are B's. Only the key they were matched by is compared for them.
     */
    private static final String FIRST_ADMIN_EMPLOYEE_ID = "dgit-first-admin";
    private static final String FIRST_DEPARTMENT_CODE = "DGIT";

    @Test
    void an_export_restored_into_an_empty_installation_exports_the_same_registry_again() throws Exception {
        escrowSomething();
        JsonObject fromA = exportAndDecrypt(People.dgitAdmin(People.createDepartment("DRRT-"
                + UUID.randomUUID().toString().substring(0, 4))).api(), "gpg-restore-a");
        String document = fromA.toString();

        assertProblem(People.departmentOwner(People.createDepartment("DRRTO-" + UUID.randomUUID().toString()
                .substring(0, 4))).api().post(RESTORE, document), 403, "forbidden");
        assertProblem(Api.admin().post(RESTORE, document), 403, "person-with-mfa-required");

        try (InstallationB b = InstallationB.start()) {
            Api admin = b.firstAdmin();
            int departmentsBefore = admin.get("/api/v1/departments").parse().asJsonArray().size();

            assertProblem(admin.post(RESTORE, "{\"format\": \"escrow-disaster-recovery\", "), 400,
                    "malformed-request");
            assertField(admin.post(RESTORE, Json.createObjectBuilder(fromA).add("formatVersion", 2).build()
                    .toString()), 400, "formatVersion");
            assertField(admin.post(RESTORE, Json.createObjectBuilder(fromA).add("format", "lastpass").build()
                    .toString()), 400, "format");
            assertField(admin.post(RESTORE, Json.createObjectBuilder(fromA).add("accounts", Json.createArrayBuilder()
                    .add(Json.createObjectBuilder(fromA.getJsonArray("accounts").getJsonObject(0))
                            .add("currentVersion", "two"))).build().toString()), 400, "accounts[0].currentVersion");
            assertField(admin.post(RESTORE, Json.createObjectBuilder(fromA).add("people", JsonValue.EMPTY_JSON_ARRAY)
                    .build().toString()), 422, "accounts[0].contentOwnerId");
            assertField(admin.post("/api/v1/restores", document), 400, "reason");
            assertEquals(0, admin.get("/api/v1/accounts").json().getJsonArray("items").size(), "B stays empty");
            assertEquals(departmentsBefore, admin.get("/api/v1/departments").parse().asJsonArray().size(),
                    "nothing half-restored");

            Api.Reply restored = admin.post(RESTORE, document);
            assertEquals(200, restored.status(), restored::toString);
            assertEquals(fromA.getJsonArray("accounts").size(), restored.json().getInt("accounts"));
            assertEquals(fromA.getJsonObject("counts").getInt("credentialVersions"),
                    restored.json().getInt("credentialVersions"));
            assertEquals(1, restored.json().getInt("peopleMatched"), "B's first admin");
            assertEquals(1, restored.json().getInt("departmentsMatched"), "B's DGIT department");

            JsonObject fromB = exportAndDecrypt(admin, "gpg-restore-b");
            assertSameRegistry(fromA, fromB);

            assertProblem(admin.post(RESTORE, document), 409, "conflict");
        }
    }

    /** A's registry holds at least one account with every kind of field, two versions and Unicode. */
    private static void escrowSomething() {
        CredentialsIT.Fixture fixture = CredentialsIT.Fixture.create("DRRT");
        Api.Reply first = CredentialsIT.rotate(fixture.owner().api(), fixture, 0, Json.createObjectBuilder()
                .add("reason", "Escrow the account's credentials").add("loginIdentifier", "dgsom-ünï")
                .add("password", TestSecrets.remember("Pw-first-" + UUID.randomUUID()))
                .add("totp", Json.createObjectBuilder().add("secret", "JBSWY3DPEHPK3PXP").add("digits", 8))
                .add("recoveryCodes", Json.createArrayBuilder().add("rc-1111").add("rc-2222"))
                .add("securityQuestions", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("question", "First pet?").add("answer", TestSecrets.remember("Fluffy-" + UUID
                                .randomUUID()))))
                .add("recoveryEmail", "dgit-recovery@mednet.ucla.edu").add("notes", "line one\nline two 🔑"));
        assertEquals(201, first.status(), first::toString);
        Api.Reply second = CredentialsIT.rotate(fixture.owner().api(), fixture, 1, Json.createObjectBuilder()
                .add("reason", "Rotate the password before the drill")
                .add("password", TestSecrets.remember("Pw-ünïcødé-" + UUID.randomUUID()))
                .add("recoveryCodesUsed", Json.createArrayBuilder().add(2)));
        assertEquals(201, second.status(), second::toString);
        Api.Reply suspended = Api.admin().post("/api/v1/accounts/" + fixture.accountId() + "/suspension",
                Json.createObjectBuilder().add("reason", "Suspended for the restore drill").build().toString());
        assertEquals(200, suspended.status(), suspended::toString);
    }

    private static JsonObject exportAndDecrypt(Api admin, String gpgHome) throws Exception {
        HttpResponse<byte[]> exported = admin.postForBytes(EXPORT, Json.createObjectBuilder()
                .add("reason", EXPORT_REASON).add("allVersions", true).build().toString());
        assertEquals(200, exported.statusCode(), () -> new String(exported.body(), StandardCharsets.UTF_8));
        try (Gpg gpg = Gpg.withRecoveryKey(gpgHome, "recovery-1.sec.asc")) {
            Gpg.Decrypted decrypted = gpg.decrypt(exported.body());
            assertEquals(0, decrypted.exitCode(), decrypted.log());
            return Json.createReader(new StringReader(decrypted.text())).readObject();
        }
    }

    /** Field by field, everything but {@link #DIFFERING_HEADER} and what B had of its own. */
    private static void assertSameRegistry(JsonObject a, JsonObject b) {
        for (String field : a.keySet()) {
            if (!DIFFERING_HEADER.contains(field) && !Set.of("departments", "people", "accounts").contains(field)) {
                assertEquals(a.get(field), b.get(field), field);
            }
        }
        assertEquals(a.keySet(), b.keySet());
        Map<String, String> bIds = new HashMap<>();
        String aDgit = only(a, "departments", "code", FIRST_DEPARTMENT_CODE).getString("id");
        bIds.put(aDgit, only(b, "departments", "code", FIRST_DEPARTMENT_CODE).getString("id"));
        String aAdmin = only(a, "people", "employeeId", FIRST_ADMIN_EMPLOYEE_ID).getString("id");
        bIds.put(aAdmin, only(b, "people", "employeeId", FIRST_ADMIN_EMPLOYEE_ID).getString("id"));
        Set<String> bOwn = Set.of(aDgit, aAdmin);
        Function<JsonValue, JsonValue> inB = value -> value instanceof jakarta.json.JsonString s
                && bIds.containsKey(s.getString()) ? Json.createValue(bIds.get(s.getString())) : value;
        for (String list : new String[] {"departments", "people", "accounts"}) {
            Map<String, JsonObject> inA = byId(a.getJsonArray(list));
            Map<String, JsonObject> restored = byId(b.getJsonArray(list));
            assertEquals(inA.size(), restored.size(), list + ": as many in B as in A");
            inA.forEach((id, expected) -> {
                JsonObject actual = restored.get(bIds.getOrDefault(id, id));
                assertNotNull(actual, list + " " + id + " is not in B's export");
                if (bOwn.contains(id)) {
                    return; // B's own record, matched by its code or employee id (checked by only(...) above)
                }
                assertEquals(expected.keySet(), actual.keySet(), list + " " + id);
                for (String field : expected.keySet()) {
                    assertEquals(inB.apply(expected.get(field)), actual.get(field), list + " " + id + "." + field);
                }
            });
        }
    }

    private static JsonObject only(JsonObject document, String list, String key, String value) {
        var matches = document.getJsonArray(list).getValuesAs(JsonObject.class).stream()
                .filter(o -> value.equals(o.getString(key, null))).toList();
        assertEquals(1, matches.size(), list + " with " + key + " " + value);
        return matches.get(0);
    }

    private static Map<String, JsonObject> byId(JsonArray array) {
        return array.getValuesAs(JsonObject.class).stream().collect(Collectors.toMap(o -> o.getString("id"),
                o -> o));
    }

    /**
     * A second installation: a fresh MariaDB data directory and a Payara of its own on free ports, with the sample
     * keys and its own first DGIT admin, made at its first start as every installation's is.
     */
    private record InstallationB(LocalStack stack, String adminPassword) implements AutoCloseable {

        static InstallationB start() throws IOException {
            Path dir = LiveService.testDir().resolve("restore-b");
            LocalStack.deleteRecursively(dir);
            Files.createDirectories(dir);
            String password = TestSecrets.remember("first-b-" + UUID.randomUUID());
            LocalStack stack = LocalStack.start(StackLayout.fromSystemProperties(), LocalStack.freePort(),
                    LocalStack.freePort(), dir.resolve("mariadb-data"), dir.resolve("payara.log"), Map.of(
                            "ESCROW_BOOTSTRAP_ADMIN_PASSWORD", password,
                            "ESCROW_AUDIT_CHECKPOINT_FILE", dir.resolve("audit-checkpoints.jsonl").toString(),
                            "ESCROW_MAIL_HOST", "127.0.0.1",
                            "ESCROW_MAIL_PORT", Integer.toString(LocalStack.freePort())));
            return new InstallationB(stack, password);
        }

        /** B's first DGIT admin ("admin"), signed in with the password changed and MFA enrolled. */
        Api firstAdmin() throws Exception {
            Api b = Api.at(stack.server().baseUri());
            Api.Reply signedIn = b.post("/api/v1/session", Json.createObjectBuilder().add("username", "admin")
                    .add("password", adminPassword).build().toString());
            assertEquals(201, signedIn.status(), signedIn::toString);
            String cookie = TestSecrets.remember(HttpCookie.parse(signedIn.header("Set-Cookie")).get(0).getValue());
            String csrf = TestSecrets.remember(signedIn.json().getString("csrfToken"));
            Api admin = b.with("Cookie", "escrow_session=" + cookie).with("X-CSRF-Token", csrf);
            Api.Reply changed = admin.post("/api/v1/session/password", Json.createObjectBuilder()
                    .add("currentPassword", adminPassword).add("newPassword", TestSecrets.remember("changed-b-"
                            + UUID.randomUUID())).build().toString());
            assertEquals(204, changed.status(), changed::toString);
            Api.Reply enrolment = admin.post("/api/v1/session/mfa", "");
            assertEquals(201, enrolment.status(), enrolment::toString);
            byte[] seed = TestTotp.base32(TestSecrets.remember(enrolment.json().getString("secret")));
            String code = TestTotp.code(seed, Instant.now(), "HmacSHA1", 6, TOTP_PERIOD);
            Api.Reply confirmed = admin.post("/api/v1/session/mfa/confirmation", "{\"code\":\"" + code + "\"}");
            assertEquals(200, confirmed.status(), confirmed::toString);
            return admin;
        }

        @Override
        public void close() {
            stack.close();
        }
    }
}
