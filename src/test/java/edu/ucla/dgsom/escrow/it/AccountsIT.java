package edu.ucla.dgsom.escrow.it;

import static edu.ucla.dgsom.escrow.it.CredentialsIT.assertField;
import static edu.ucla.dgsom.escrow.it.PlatformIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The registry of official accounts: registration rules, bad input, listing and reassignment. */
@ExtendWith(LiveService.class)
class AccountsIT {

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static JsonObjectBuilder account(String department, String owner, String moderator) {
        return Json.createObjectBuilder().add("platform", "FACEBOOK").add("handle", "dgsom." + unique())
                .add("displayName", "DGSOM page " + unique()).add("departmentId", department)
                .add("contentOwnerId", owner).add("backupModeratorId", moderator);
    }

    @Test
    void departmentOwnersRegisterTheirAccountsAndTheStatusChangesOnlyThroughItsTransitions() throws Exception {
        String department = People.createDepartment("REG-" + unique());
        People.Session owner = People.departmentOwner(department);
        People.Session content = People.member(department);
        People.Session moderator = People.member(department);
        Api.Reply created = owner.api().post("/api/v1/accounts", account(department, content.personId(),
                moderator.personId()).add("profileUrl", "https://facebook.com/dgsom").add("notes", "Main page")
                .build().toString());
        assertEquals(201, created.status(), created::toString);
        JsonObject body = created.json();
        assertEquals("REQUESTED", body.getString("status"), "new accounts await approval");
        assertEquals(0, body.getInt("credentialVersion"));
        assertTrue(created.header("Location").endsWith("/api/v1/accounts/" + body.getString("id")));
        assertEquals(body, owner.api().get("/api/v1/accounts/" + body.getString("id")).json());
        assertEquals(200, content.api().get("/api/v1/accounts/" + body.getString("id")).status(),
                "holders see their account");

        assertField(owner.api().post("/api/v1/accounts", account(department, content.personId(), moderator.personId())
                .add("status", "ACTIVE").build().toString()), 403, "status");
        String other = People.createDepartment("REG-O-" + unique());
        String refused = UUID.randomUUID().toString();
        assertProblem(owner.api().post("/api/v1/accounts", account(other, content.personId(), moderator.personId())
                .build().toString(), "X-Request-Id", refused), 403, "forbidden");
        assertEquals(1, TestDatabase.auditCount("request_id = '" + refused + "' AND action = 'ACCOUNT_CREATE'"
                + " AND outcome = 'DENIED'"));
        Api.Reply active = Api.admin().post("/api/v1/accounts", account(other, content.personId(),
                moderator.personId()).add("status", "ACTIVE").build().toString());
        assertEquals("ACTIVE", active.json().getString("status"), active::toString);

        assertField(Api.admin().post("/api/v1/accounts", account(other, content.personId(), moderator.personId())
                .add("handle", "suspended-" + unique()).add("status", "SUSPENDED").build().toString()), 400, "status");

        String id = body.getString("id");
        assertField(owner.api().send("PATCH", "/api/v1/accounts/" + id, "{\"status\":\"ACTIVE\"}", "Content-Type",
                "application/json"), 400, "status");
        assertField(Api.admin().send("PATCH", "/api/v1/accounts/" + id, "{\"status\":\"ACTIVE\","
                + "\"reason\":\"Approved by the supervisor\"}", "Content-Type", "application/merge-patch+json"), 400,
                "status");
        assertEquals("REQUESTED", Api.admin().get("/api/v1/accounts/" + id).json().getString("status"),
                "the status changes only through approval, suspension, reinstatement and retirement");
        assertProblem(content.api().send("PATCH", "/api/v1/accounts/" + id, "{\"notes\":\"mine now\"}",
                "Content-Type", "application/json"), 403, "forbidden");

        People.Session successor = People.member(department);
        String reassign = UUID.randomUUID().toString();
        Api.Reply reassigned = owner.api().send("PATCH", "/api/v1/accounts/" + id, Json.createObjectBuilder()
                .add("contentOwnerId", successor.personId()).add("reason", "Content owner moved to another team")
                .build().toString(), "Content-Type", "application/json", "X-Request-Id", reassign);
        assertEquals(200, reassigned.status(), reassigned::toString);
        assertEquals(successor.personId(), reassigned.json().getString("contentOwnerId"));
        assertEquals(1, TestDatabase.auditCount("request_id = '" + reassign + "' AND action = 'ACCOUNT_REASSIGN'"
                + " AND outcome = 'ALLOWED' AND reason = 'Content owner moved to another team'"));
        assertProblem(content.api().get("/api/v1/accounts/" + id), 404, "not-found");
        assertField(owner.api().send("PATCH", "/api/v1/accounts/" + id, "{\"backupModeratorId\":\""
                + successor.personId() + "\"}", "Content-Type", "application/json"), 422, "backupModeratorId");
    }

    @Test
    void badRegistrationsNameTheFieldAndWriteNothing() throws Exception {
        String department = People.createDepartment("BAD-" + unique());
        String a = People.member(department).personId();
        String b = People.member(department).personId();
        String gone = People.member(department).personId();
        TestDatabase.update("UPDATE escrow.person SET status = 'OFFBOARDED' WHERE id = '" + gone + "'");
        Api admin = Api.admin();
        String path = "/api/v1/accounts";
        assertField(admin.post(path, account(department, a, b).add("platform", "MYSPACE").build().toString()), 400,
                "platform");
        assertField(admin.post(path, account(department, a, b).add("platform", "OTHER").build().toString()), 400,
                "platformName");
        assertField(admin.post(path, account(department, a, b).add("profileUrl", "javascript:alert(1)").build()
                .toString()), 400, "profileUrl");
        assertField(admin.post(path, account(department, a, b).add("profileUrl", "https://user:pw@example.com/")
                .build().toString()), 400, "profileUrl");
        assertField(admin.post(path, account(department, a, a).build().toString()), 422, "backupModeratorId");
        assertField(admin.post(path, account(department, gone, b).build().toString()), 422, "contentOwnerId");
        assertField(admin.post(path, account(department, a, UUID.randomUUID().toString()).build().toString()), 422,
                "backupModeratorId");
        assertField(admin.post(path, account(department, a, b).add("handle", "h".repeat(201)).build().toString()),
                400, "handle");
        assertField(admin.post(path, account(department, a, b).add("passwrd", "oops").build().toString()), 400,
                "passwrd");
        assertProblem(admin.post(path, account(department, a, b).add("notes", "n".repeat(100_000)).build()
                .toString()), 413, "payload-too-large");
        assertField(admin.post(path, account(UUID.randomUUID().toString(), a, b).build().toString()), 422,
                "departmentId");
        assertEquals(0, TestDatabase.count("SELECT COUNT(*) FROM escrow.official_account WHERE department_id = '"
                + department + "'"), "nothing half-written");

        JsonObjectBuilder first = account(department, a, b).add("platform", "OTHER").add("platformName", "Mastodon")
                .add("handle", "@dgsom@med.social");
        assertEquals(201, admin.post(path, first.build().toString()).status());
        Api.Reply twice = admin.post(path, account(department, b, a).add("platform", "other")
                .add("platformName", "mastodon").add("handle", "@DGSOM@med.social").build().toString());
        assertField(twice, 409, "handle");
    }

    @Test
    void a_patch_clears_an_optional_field_with_null_keeps_absent_fields_and_refuses_null_for_a_required_one() {
        String department = People.createDepartment("NUL-" + unique());
        People.Session owner = People.departmentOwner(department);
        String a = People.member(department).personId();
        String b = People.member(department).personId();
        Api.Reply created = owner.api().post("/api/v1/accounts", account(department, a, b)
                .add("profileUrl", "https://www.facebook.com/dgsom").add("notes", "Posting schedule").build().toString());
        assertEquals(201, created.status(), created::toString);
        String path = "/api/v1/accounts/" + created.json().getString("id");
        String displayName = created.json().getString("displayName");

        Api.Reply cleared = owner.api().send("PATCH", path, "{\"notes\":null}", "Content-Type", "application/json");
        assertEquals(200, cleared.status(), cleared::toString);
        assertTrue(!cleared.json().containsKey("notes") || cleared.json().isNull("notes"), cleared::body);
        assertEquals("https://www.facebook.com/dgsom", cleared.json().getString("profileUrl"), "absent: unchanged");
        assertEquals(displayName, cleared.json().getString("displayName"));
        Api.Reply merged = owner.api().send("PATCH", path, "{\"profileUrl\":null,\"reason\":null}", "Content-Type",
                "application/merge-patch+json");
        assertEquals(200, merged.status(), merged::toString);
        assertTrue(!merged.json().containsKey("profileUrl") || merged.json().isNull("profileUrl"), merged::body);

        for (String required : List.of("handle", "displayName", "departmentId", "contentOwnerId",
                "backupModeratorId", "status")) {
            assertField(owner.api().send("PATCH", path, "{\"" + required + "\":null}", "Content-Type",
                    "application/json"), 400, required);
        }
        assertField(owner.api().send("PATCH", path, "{\"notez\":null}", "Content-Type", "application/json"), 400,
                "notez");
        assertEquals(displayName, owner.api().get(path).json().getString("displayName"), "nothing else changed");
    }

    @Test
    void listsFilterAndPageAndShowEachCallerOnlyWhatTheyMaySee() {
        String department = People.createDepartment("LIST-" + unique());
        People.Session owner = People.departmentOwner(department);
        People.Session holder = People.member(department);
        String other = People.member(department).personId();
        String marker = "Lister-" + unique();
        for (int i = 0; i < 5; i++) {
            Api.Reply reply = owner.api().post("/api/v1/accounts", account(department, i < 2 ? holder.personId()
                    : other, i < 2 ? other : owner.personId()).add("platform", i % 2 == 0 ? "YOUTUBE" : "X")
                    .add("displayName", marker + " " + i).build().toString());
            assertEquals(201, reply.status(), reply::toString);
        }
        List<String> names = new ArrayList<>();
        String after = null;
        do {
            JsonObject page = owner.api().get("/api/v1/accounts?limit=2&text=" + marker
                    + (after == null ? "" : "&after=" + after)).json();
            page.getJsonArray("items").getValuesAs(JsonObject.class).forEach(a -> names.add(a.getString("displayName")));
            after = page.containsKey("nextAfter") ? page.getString("nextAfter") : null;
        } while (after != null);
        assertEquals(List.of(marker + " 0", marker + " 1", marker + " 2", marker + " 3", marker + " 4"), names);

        assertEquals(3, Api.admin().get("/api/v1/accounts?platform=youtube&department=" + department).json()
                .getJsonArray("items").size());
        assertEquals(2, Api.admin().get("/api/v1/accounts?owner=" + holder.personId()).json().getJsonArray("items")
                .size());
        assertEquals(2, Api.admin().get("/api/v1/accounts?moderator=" + other + "&department=" + department
                + "&status=REQUESTED").json().getJsonArray("items").size());
        assertEquals(2, holder.api().get("/api/v1/accounts").json().getJsonArray("items").size(),
                "a holder sees only their accounts");
        assertEquals(5, Api.live().bearer(People.token("AUDITOR")).get("/api/v1/accounts?department=" + department)
                .json().getJsonArray("items").size());
        assertEquals(0, People.departmentOwner(People.createDepartment("LIST-O-" + unique())).api()
                .get("/api/v1/accounts?text=" + marker).json().getJsonArray("items").size());
        assertField(Api.admin().get("/api/v1/accounts?status=DELETED"), 400, "status");
        assertField(Api.admin().get("/api/v1/accounts?limit=0"), 400, "limit");
        assertField(Api.admin().get("/api/v1/accounts?limit=ten"), 400, "limit");
        String unseen = Api.admin().get("/api/v1/accounts?owner=" + other + "&department=" + department).json()
                .getJsonArray("items").getJsonObject(0).getString("id");
        assertField(holder.api().get("/api/v1/accounts?after=" + unseen), 400, "after");
        assertTrue(Api.admin().get("/api/v1/accounts?text=%25&department=" + department).json()
                .getJsonArray("items").isEmpty(), "a % in the text is a character, not a wildcard");
    }

    private static List<String> names(Api api, String query) {
        return listed(api, query, "displayName");
    }

    /** One field of every account the list gives, paging two at a time. */
    private static List<String> listed(Api api, String query, String field) {
        List<String> names = new ArrayList<>();
        String after = null;
        do {
            Api.Reply reply = api.get("/api/v1/accounts?limit=2&" + query + (after == null ? "" : "&after="
                    + Api.encode(after)));
            assertEquals(200, reply.status(), reply::toString);
            JsonObject page = reply.json();
            page.getJsonArray("items").getValuesAs(JsonObject.class).forEach(a -> names.add(a.getString(field)));
            after = page.containsKey("nextAfter") ? page.getString("nextAfter") : null;
        } while (after != null);
        return names;
    }

    @Test
    void everySortPagesThroughEveryAccountOnceAndTheRotationAndHolderFiltersSayWhatIsDue() throws Exception {
        String department = People.createDepartment("SORT-" + unique());
        People.Session owner = People.departmentOwner(department);
        String holder = People.member(department).personId();
        String other = People.member(department).personId();
        String leaver = People.member(department).personId();
        String marker = "Sorter-" + unique();
        String[] platforms = {"YOUTUBE", "X", "FACEBOOK", "X", "TIKTOK"};
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Api.Reply reply = owner.api().post("/api/v1/accounts", account(department, i == 0 ? holder : other,
                    i == 1 ? holder : i == 4 ? leaver : owner.personId()).add("platform", platforms[i])
                    .add("displayName", marker + " " + i).build().toString());
            assertEquals(201, reply.status(), reply::toString);
            ids.add(reply.json().getString("id"));
        }
        // As an offboarding flags them: account 3 overdue, account 1 due in three days; account 4's moderator left.
        TestDatabase.update("UPDATE official_account SET rotation_required_since = UTC_TIMESTAMP(6) - INTERVAL 9 DAY,"
                + " rotation_due_at = UTC_TIMESTAMP(6) - INTERVAL 2 DAY WHERE id = '" + ids.get(3) + "'");
        TestDatabase.update("UPDATE official_account SET rotation_required_since = UTC_TIMESTAMP(6),"
                + " rotation_due_at = UTC_TIMESTAMP(6) + INTERVAL 3 DAY WHERE id = '" + ids.get(1) + "'");
        TestDatabase.update("UPDATE person SET status = 'OFFBOARDED' WHERE id = '" + leaver + "'");
        String scope = "text=" + marker;
        String n = marker + " ";

        assertEquals(List.of(n + 0, n + 1, n + 2, n + 3, n + 4), names(owner.api(), scope));
        assertEquals(List.of(n + 4, n + 3, n + 2, n + 1, n + 0), names(owner.api(), scope + "&sort=-displayName"));
        assertEquals(List.of("FACEBOOK", "TIKTOK", "X", "X", "YOUTUBE"), listed(owner.api(), scope + "&sort=platform",
                "platform"));
        List<String> byPlatformDown = listed(owner.api(), scope + "&sort=-platform", "id");
        assertEquals(List.of(ids.get(0)), byPlatformDown.subList(0, 1));
        List<String> tied = ids.get(1).compareTo(ids.get(3)) > 0 ? List.of(ids.get(1), ids.get(3))
                : List.of(ids.get(3), ids.get(1));
        assertEquals(tied, byPlatformDown.subList(1, 3), "ties by id, descending too");
        assertEquals(List.of(ids.get(4), ids.get(2)), byPlatformDown.subList(3, 5));
        assertEquals(List.of(n + 3, n + 1), names(owner.api(), scope + "&sort=rotationDueAt").subList(0, 2));
        List<String> byDueDate = names(owner.api(), scope + "&sort=rotationDueAt");
        assertEquals(5, byDueDate.size(), byDueDate::toString);
        List<String> byDueDateDown = names(owner.api(), scope + "&sort=-rotationDueAt");
        assertEquals(List.of(n + 1, n + 3), byDueDateDown.subList(0, 2), "no due date comes last either way");
        assertEquals(5, byDueDateDown.size(), byDueDateDown::toString);
        assertEquals(5, names(owner.api(), scope + "&sort=updatedAt").size());
        assertEquals(5, names(owner.api(), scope + "&sort=-status").size());
        assertEquals(5, names(owner.api(), scope + "&sort=department").size());

        assertEquals(List.of(n + 1, n + 3), names(owner.api(), scope + "&rotation=DUE"));
        assertEquals(List.of(n + 3), names(owner.api(), scope + "&rotation=overdue"));
        assertEquals(List.of(n + 0, n + 1), names(owner.api(), scope + "&holder=" + holder));
        assertEquals(List.of(n + 4), names(Api.admin(), "department=" + department + "&backup=MISSING"));

        assertField(owner.api().get("/api/v1/accounts?sort=handle"), 400, "sort");
        assertField(owner.api().get("/api/v1/accounts?rotation=SOON"), 400, "rotation");
        assertField(owner.api().get("/api/v1/accounts?backup=PRESENT"), 400, "backup");
        assertField(owner.api().get("/api/v1/accounts?after=bm90IGEgY3Vyc29y"), 400, "after");
        String cursor = owner.api().get("/api/v1/accounts?limit=1&" + scope).json().getString("nextAfter");
        assertField(owner.api().get("/api/v1/accounts?sort=-updatedAt&after=" + Api.encode(cursor)), 400, "after");
    }

    @Test
    void theListSaysWhetherTheCurrentCredentialsHoldATotpSeed() {
        String department = People.createDepartment("TOTPF-" + unique());
        People.Session owner = People.departmentOwner(department);
        String id = owner.api().post("/api/v1/accounts", account(department, People.member(department).personId(),
                People.member(department).personId()).build().toString()).json().getString("id");
        assertEquals(false, owner.api().get("/api/v1/accounts/" + id).json().getBoolean("totpSeedEscrowed"));
        String path = "/api/v1/accounts/" + id + "/credentials";
        Api.Reply withSeed = owner.api().send("PUT", path, Json.createObjectBuilder().add("reason", "First escrow")
                .add("password", TestSecrets.remember("pw-" + unique() + unique()))
                .add("totp", Json.createObjectBuilder().add("secret", TestSecrets.remember("JBSWY3DPEHPK3PXPJBSWY3DP")))
                .build().toString(), "Content-Type", "application/json", "If-Match", "\"0\"");
        assertEquals(201, withSeed.status(), withSeed::toString);
        assertEquals(true, owner.api().get("/api/v1/accounts/" + id).json().getBoolean("totpSeedEscrowed"));
        Api.Reply withoutSeed = owner.api().send("PUT", path, Json.createObjectBuilder().add("reason", "MFA moved elsewhere")
                .add("clear", Json.createArrayBuilder().add("totp")).build().toString(), "Content-Type",
                "application/json", "If-Match", "\"1\"");
        assertEquals(201, withoutSeed.status(), withoutSeed::toString);
        assertEquals(false, owner.api().get("/api/v1/accounts?text=" + Api.encode(owner.api().get("/api/v1/accounts/"
                + id).json().getString("displayName"))).json().getJsonArray("items").getJsonObject(0)
                .getBoolean("totpSeedEscrowed"));
    }
}
