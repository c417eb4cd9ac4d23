package edu.ucla.dgsom.escrow.it;

import static edu.ucla.dgsom.escrow.it.PlatformIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Imports over HTTP (docs/migration.md): an export file uploaded and previewed, its mapping edited, committed in one
 * transaction, and imported again to no effect; who may import where; bad files refused whole; an upload's plaintext
 * on no disk and in no log; cancel and expiry erase what was sealed.
 */
@ExtendWith(LiveService.class)
class ImportsIT {

    /** A department with an owner and two people to hold its imported accounts. */
    private record Unit(String id, People.Session owner, String contentOwner, String moderator) {

        static Unit create(String prefix) {
            String id = People.createDepartment(prefix + "-" + UUID.randomUUID().toString().substring(0, 6));
            return new Unit(id, People.departmentOwner(id), person(id, "co"), person(id, "bm"));
        }

        private static String person(String department, String role) {
            return People.createPerson(department, "imp-" + role + "-" + UUID.randomUUID().toString().substring(0, 8),
                    "initial-password-1");
        }

        String holders() {
            return Json.createObjectBuilder().add(id, Json.createObjectBuilder().add("contentOwnerId", contentOwner)
                    .add("backupModeratorId", moderator)).build().toString();
        }
    }

    /** A LastPass export as LastPass writes it: two social logins, a secure note, and one without a password. */
    private static String lastPass(String code, String password) {
        return "url,username,password,totp,extra,name,grouping,fav\n"
                + "https://www.instagram.com/dgsom" + code + "/,news-" + code + "@ucla.edu," + password
                + ",JBSWY3DPEHPK3PXP,\"Shared with the comms team.\nRotate after events.\",Instagram news,"
                + "Social\\Cardiology,0\n"
                + "https://x.com/login," + "dgsom_x_" + code + ",\"p,with\"\"quote\"\"-" + code + "\",,,"
                + "X (Département de médecine — 社交),Social\\Cardiology,1\n"
                + "http://sn,,,,\"NoteType:Server\nHostname:intranet\",Intranet note,Social,0\n"
                + "https://www.linkedin.com/company/dgsom-" + code + ",linked-" + code + "@ucla.edu,,,,LinkedIn page,"
                + "Social\\Cardiology,0\n";
    }

    private static Api.Reply upload(Api api, String file, String query) {
        return api.sendBytes("POST", "/api/v1/imports" + query, file.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "text/csv");
    }

    private static String mapping(String departmentId, String holders) {
        return "{\"departmentId\":\"" + departmentId + "\",\"holders\":" + holders + "}";
    }

    private static Map<String, JsonObject> byTitle(JsonObject preview) {
        return preview.getJsonArray("entries").getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(e -> e.getString("title"), e -> e));
    }

    @Test
    void a_file_is_previewed_mapped_committed_once_and_imported_again_to_no_effect() throws Exception {
        Unit unit = Unit.create("IMP");
        String code = UUID.randomUUID().toString().substring(0, 6);
        String password = TestSecrets.remember("imported-" + UUID.randomUUID());
        String file = lastPass(code, password);
        Api admin = People.admin();

        Api.Reply uploaded = upload(admin, file, "?departmentId=" + unit.id());
        assertEquals(201, uploaded.status(), uploaded::toString);
        JsonObject preview = uploaded.json();
        assertTrue(uploaded.header("Location").endsWith("/api/v1/imports/" + preview.getString("id")));
        assertEquals("LASTPASS_CSV", preview.getString("format"), "detected from the content");
        assertEquals(4, preview.getInt("entryCount"));
        assertFalse(uploaded.body().contains(password), "no secret in the preview");
        assertEquals(List.of("Social/Cardiology", "Social"), preview.getJsonArray("folders").getValuesAs(
                jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());
        Map<String, JsonObject> entries = byTitle(preview);
        assertEquals("SKIP", entries.get("Intranet note").getString("action"));
        assertEquals("a secure note, not a login", entries.get("Intranet note").getString("reason"));
        assertTrue(entries.get("Instagram news").getString("reason").startsWith("name the content owner"),
                entries::toString);

        String id = preview.getString("id");
        Api.Reply mapped = admin.send("PUT", "/api/v1/imports/" + id + "/mapping", mapping(unit.id(), unit.holders()),
                "Content-Type", "application/json");
        assertEquals(200, mapped.status(), mapped::toString);
        entries = byTitle(mapped.json());
        JsonObject instagram = entries.get("Instagram news");
        assertEquals("CREATE", instagram.getString("action"));
        assertEquals("INSTAGRAM", instagram.getString("platform"));
        assertEquals("@dgsom" + code, instagram.getString("handle"));
        assertTrue(instagram.getBoolean("hasPassword") && instagram.getBoolean("hasTotp")
                && instagram.getBoolean("hasNotes"));
        assertEquals("X", entries.get("X (Département de médecine — 社交)").getString("platform"));
        assertEquals("dgsom_x_" + code, entries.get("X (Département de médecine — 社交)").getString("handle"),
                "a sign-in page's address leaves the handle to the login name");
        JsonObject linkedIn = entries.get("LinkedIn page");
        assertEquals("CREATE", linkedIn.getString("action"), "an entry with no password imports its login name");
        assertFalse(linkedIn.getBoolean("hasPassword"));
        assertEquals(0, TestDatabase.count("SELECT COUNT(*) FROM official_account WHERE department_id = '"
                + unit.id() + "'"), "nothing stored before the commit");

        Api.Reply committed = admin.post("/api/v1/imports/" + id + "/commit", "");
        assertEquals(200, committed.status(), committed::toString);
        assertEquals("COMMITTED", committed.json().getString("state"));
        assertEquals(3, committed.json().getJsonObject("counts").getInt("CREATE"));
        assertEquals(0, TestDatabase.count("SELECT COUNT(*) FROM sealed_value WHERE owner_table = 'pending_import'"
                + " AND owner_id = '" + id + "'"), "the sealed entries are erased with the commit");
        assertProblem(admin.post("/api/v1/imports/" + id + "/commit", ""), 409, "conflict");

        String accountId = accountWithHandle(unit, "@dgsom" + code);
        JsonObject account = admin.get("/api/v1/accounts/" + accountId).json();
        assertEquals("ACTIVE", account.getString("status"), "in use once its login is escrowed");
        assertEquals(unit.contentOwner(), account.getString("contentOwnerId"));
        assertEquals("https://www.instagram.com/dgsom" + code + "/", account.getString("profileUrl"));
        JsonObject revealed = admin.post("/api/v1/accounts/" + accountId + "/credentials/reveal",
                "{\"reason\":\"Checking the imported login\",\"fields\":[\"password\",\"notes\","
                        + "\"loginIdentifier\"]}").json();
        assertEquals(password, revealed.getString("password"));
        assertEquals("news-" + code + "@ucla.edu", revealed.getString("loginIdentifier"));
        assertEquals("Shared with the comms team.\nRotate after events.", revealed.getString("notes"));
        JsonObject x = admin.post("/api/v1/accounts/" + accountWithHandle(unit, "dgsom_x_" + code)
                + "/credentials/reveal", "{\"reason\":\"Checking the imported login\",\"fields\":[\"password\"]}")
                .json();
        assertEquals("p,with\"quote\"-" + code, x.getString("password"), "a quoted CSV field as written");
        assertEquals(1, TestDatabase.auditCount("action = 'IMPORT_COMMIT' AND target_id = '" + id + "'"
                + " AND details LIKE '%\"created\":\"3\"%'"));

        // The same file again: every login is escrowed already, so nothing is stored.
        Api.Reply again = upload(admin, file, "?departmentId=" + unit.id());
        String second = again.json().getString("id");
        admin.send("PUT", "/api/v1/imports/" + second + "/mapping", mapping(unit.id(), unit.holders()),
                "Content-Type", "application/json");
        Api.Reply recommitted = admin.post("/api/v1/imports/" + second + "/commit", "");
        assertEquals(200, recommitted.status(), recommitted::toString);
        JsonObject counts = recommitted.json().getJsonObject("counts");
        assertEquals(0, counts.getInt("CREATE") + counts.getInt("MERGE"), recommitted::toString);
        assertEquals("escrowed already, with the same login", byTitle(recommitted.json()).get("Instagram news")
                .getString("reason"));
        assertEquals(1, admin.get("/api/v1/accounts/" + accountId).json().getInt("credentialVersion"));
    }

    @Test
    void an_owner_imports_into_their_department_only_and_nobody_else_sees_the_upload() {
        Unit ours = Unit.create("IMPO");
        Unit theirs = Unit.create("IMPT");
        String file = lastPass(UUID.randomUUID().toString().substring(0, 6), "owner-" + UUID.randomUUID());
        assertProblem(upload(ours.owner().api(), file, "?departmentId=" + theirs.id()), 422, "unprocessable");
        Api.Reply uploaded = upload(ours.owner().api(), file, "?departmentId=" + ours.id());
        assertEquals(201, uploaded.status(), uploaded::toString);
        String id = uploaded.json().getString("id");
        assertProblem(ours.owner().api().send("PUT", "/api/v1/imports/" + id + "/mapping",
                mapping(ours.id(), theirs.holders()), "Content-Type", "application/json"), 422, "unprocessable");
        assertProblem(theirs.owner().api().get("/api/v1/imports/" + id), 404, "not-found");
        assertProblem(theirs.owner().api().post("/api/v1/imports/" + id + "/commit", ""), 404, "not-found");
        Api.Reply mapped = ours.owner().api().send("PUT", "/api/v1/imports/" + id + "/mapping",
                mapping(ours.id(), ours.holders()), "Content-Type", "application/json");
        assertEquals(200, mapped.status(), mapped::toString);
        Api.Reply stored = ours.owner().api().post("/api/v1/imports/" + id + "/commit", "");
        assertEquals(3, stored.json().getJsonObject("counts").getInt("CREATE"), stored::toString);
        String handle = stored.json().getJsonArray("entries").getValuesAs(JsonObject.class).stream()
                .filter(e -> e.getString("action").equals("CREATE")).findFirst().orElseThrow().getString("handle");
        JsonObject account = Api.admin().get("/api/v1/accounts/" + accountWithHandle(ours, handle)).json();
        assertEquals("ACTIVE", account.getString("status"), "in use once its login is escrowed");
        assertFalse(account.containsKey("approvalRequestId") && !account.isNull("approvalRequestId"),
                "no approval yet: the compliance report lists it");
        assertProblem(upload(People.hrStaff(ours.id()).api(), file, ""), 403, "forbidden");
    }

    @Test
    void a_file_that_cannot_be_read_is_refused_whole_naming_where_and_why() throws Exception {
        Unit unit = Unit.create("IMPB");
        Api admin = People.admin();
        long before = TestDatabase.count("SELECT COUNT(*) FROM pending_import");
        Api.Reply unterminated = upload(admin, "url,username,password,totp,extra,name,grouping,fav\n"
                + "https://x.com/a,a,secret-a,,,A,,0\nhttps://x.com/b,b,\"never closed,,,B,,0\n", "");
        assertProblem(unterminated, 400, "validation-failed");
        assertTrue(unterminated.json().getJsonArray("errors").getJsonObject(0).getString("message")
                .startsWith("line 3"), unterminated::toString);
        assertFalse(unterminated.body().contains("never closed"), "no value from the file");
        assertProblem(upload(admin, "name,address,secret\nA,https://x.com/a,b\n", "?format=LASTPASS_CSV"), 400,
                "validation-failed");
        assertProblem(upload(admin, "{\"encrypted\":true}", "?format=NOT_A_FORMAT"), 400, "validation-failed");
        byte[] encrypted;
        try (InputStream in = getClass().getResourceAsStream("/imports/bitwarden-encrypted-pbkdf2.json")) {
            encrypted = in.readAllBytes();
        }
        Api.Reply wrong = admin.sendBytes("POST", "/api/v1/imports?departmentId=" + unit.id(), encrypted,
                "Content-Type", "application/json", "X-Import-Password", "not%20the%20password");
        assertProblem(wrong, 400, "validation-failed");
        assertTrue(wrong.body().contains("wrong password"), wrong::toString);
        assertProblem(admin.sendBytes("POST", "/api/v1/imports", encrypted, "Content-Type", "application/json",
                "X-Import-Password", "50%"), 400, "validation-failed");
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        assertProblem(admin.sendBytes("POST", "/api/v1/imports", big, "Content-Type", "text/csv"), 413,
                "payload-too-large");
        assertEquals(before, TestDatabase.count("SELECT COUNT(*) FROM pending_import"), "nothing half-imported");
        assertTrue(TestDatabase.auditCount("action = 'IMPORT_UPLOAD' AND outcome <> 'ALLOWED'") >= 3);
    }

    @Test
    void a_password_protected_bitwarden_export_opens_with_its_password_sent_percent_encoded() throws Exception {
        Unit unit = Unit.create("IMPE");
        byte[] encrypted;
        try (InputStream in = getClass().getResourceAsStream("/imports/bitwarden-encrypted-pbkdf2.json")) {
            encrypted = in.readAllBytes();
        }
        String password = URLEncoder.encode("correct horse — 電池 staple", StandardCharsets.UTF_8).replace("+", "%20");
        Api.Reply opened = People.admin().sendBytes("POST", "/api/v1/imports?departmentId=" + unit.id(), encrypted,
                "Content-Type", "application/json", "X-Import-Password", password);
        assertEquals(201, opened.status(), opened::toString);
        assertEquals("BITWARDEN_ENCRYPTED_JSON", opened.json().getString("format"));
        assertEquals(3, opened.json().getInt("entryCount"));
        assertEquals(204, People.admin().delete("/api/v1/imports/" + opened.json().getString("id")).status());
    }

    @Test
    void no_plaintext_of_an_upload_reaches_disk_or_the_log_and_cancel_and_expiry_erase_it() throws Exception {
        Unit unit = Unit.create("IMPD");
        Api admin = People.admin();
        String marker = "plaintext-marker-" + UUID.randomUUID();
        Instant started = Instant.now();
        Api.Reply uploaded = upload(admin, lastPass(UUID.randomUUID().toString().substring(0, 6), marker),
                "?departmentId=" + unit.id());
        String id = uploaded.json().getString("id");
        Api.Reply expiring = upload(admin, lastPass(UUID.randomUUID().toString().substring(0, 6), marker + "-2"),
                "?departmentId=" + unit.id());
        String expiringId = expiring.json().getString("id");
        TestDatabase.update("FLUSH TABLES");
        List<Path> holding = filesHolding(marker.getBytes(StandardCharsets.UTF_8), started);
        assertEquals(List.of(), holding, "the upload's plaintext is in no file, database or log");

        assertEquals(204, admin.delete("/api/v1/imports/" + id).status());
        assertProblem(admin.post("/api/v1/imports/" + id + "/commit", ""), 409, "conflict");
        assertEquals(0, TestDatabase.count("SELECT COUNT(*) FROM sealed_value WHERE owner_table = 'pending_import'"
                + " AND owner_id = '" + id + "'"), "cancel erases the sealed entries");

        TestDatabase.update("UPDATE pending_import SET expires_at = UTC_TIMESTAMP(6) - INTERVAL 1 SECOND"
                + " WHERE id = '" + expiringId + "'");
        Api.Reply expired = admin.post("/api/v1/imports/" + expiringId + "/commit", "");
        assertProblem(expired, 409, "conflict");
        assertEquals("EXPIRED", expired.json().getString("currentState"));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (TestDatabase.count("SELECT COUNT(*) FROM sealed_value WHERE owner_table = 'pending_import' AND"
                + " owner_id = '" + expiringId + "'") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(1, TestDatabase.auditCount("action = 'IMPORT_EXPIRE' AND target_id = '" + expiringId + "'"),
                "the sweep ended it and erased its entries");
        assertEquals(0, TestDatabase.count("SELECT COUNT(*) FROM sealed_value WHERE owner_table = 'pending_import'"
                + " AND owner_id = '" + expiringId + "'"));
    }

    /** The files of the test run (database, logs) and of the server's runtime changed since {@code since}. */
    private static List<Path> filesHolding(byte[] needle, Instant since) throws IOException {
        List<Path> roots = new ArrayList<>(List.of(LiveService.testDir()));
        try (Stream<Path> temporary = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            temporary.filter(p -> p.getFileName().toString().startsWith("payaramicro-rt")).forEach(roots::add);
        }
        List<Path> found = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    if (Files.getLastModifiedTime(file).toInstant().isAfter(since.minusSeconds(1))
                            && Files.size(file) < 512L * 1024 * 1024 && contains(Files.readAllBytes(file), needle)) {
                        found.add(file);
                    }
                }
            } catch (java.io.UncheckedIOException e) {
                // A file removed while walked (a rotating log, a temporary table) holds nothing any more.
            }
        }
        return found;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static String accountWithHandle(Unit unit, String handle) {
        return Api.admin().get("/api/v1/accounts?department=" + unit.id()).json().getJsonArray("items")
                .getValuesAs(JsonObject.class).stream().filter(a -> a.getString("handle").equals(handle))
                .findFirst().orElseThrow(() -> new AssertionError("no account " + handle)).getString("id");
    }
}
