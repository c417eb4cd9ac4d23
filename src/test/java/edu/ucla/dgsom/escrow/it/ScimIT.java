package edu.ucla.dgsom.escrow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** SCIM 2.0 Users as identity systems use them; deactivation and deletion start the same offboarding as HR's call. */
@ExtendWith(LiveService.class)
class ScimIT {

    private static final String SCIM = "application/scim+json";
    private final Api hr = Api.live().bearer(People.token("HR_INTEGRATION")).with("Accept", SCIM);

    private static String code() {
        return "SCIM" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    }

    private JsonObject create(String department, String userName, String employeeId) {
        return create(hr, department, userName, employeeId);
    }

    /** A SCIM user of {@code department}, as an identity system creates one, through {@code hr}. */
    static JsonObject create(Api hr, String department, String userName, String employeeId) {
        Api.Reply created = hr.send("POST", "/scim/v2/Users", Json.createObjectBuilder()
                .add("schemas", Json.createArrayBuilder().add("urn:ietf:params:scim:schemas:core:2.0:User")
                        .add("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"))
                .add("externalId", employeeId).add("userName", userName).add("active", true)
                .add("displayName", "Ada Lovelace")
                .add("emails", Json.createArrayBuilder().add(Json.createObjectBuilder().add("primary", true)
                        .add("type", "work").add("value", userName)))
                .add("name", Json.createObjectBuilder().add("givenName", "Ada").add("familyName", "Lovelace"))
                .add("title", "Social media lead")
                .add("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", Json.createObjectBuilder()
                        .add("department", department)).build().toString(), "Content-Type", SCIM);
        assertEquals(201, created.status(), created::toString);
        return created.json();
    }

    private static void assertScimError(Api.Reply reply, int status, String scimType) {
        assertEquals(status, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith(SCIM), reply::toString);
        JsonObject error = reply.json();
        assertEquals(List.of("urn:ietf:params:scim:api:messages:2.0:Error"), error.getJsonArray("schemas")
                .getValuesAs(jakarta.json.JsonString::getString));
        assertEquals(Integer.toString(status), error.getString("status"));
        assertTrue(Set.of("schemas", "status", "scimType", "detail").containsAll(error.keySet()), reply::toString);
        assertTrue(error.containsKey("detail"), reply::toString);
        assertTrue(reply.header("X-Request-Id") != null, "the request id is in a header");
        if (scimType != null) {
            assertEquals(scimType, error.getString("scimType", null), reply::toString);
        }
        if (status != 400 && status != 409) {
            assertFalse(error.containsKey("scimType"), "RFC 7644 defines scimType for 400 and 409 only");
        }
    }

    @Test
    void everyErrorUnderScimIsAScimErrorWithNothingElseAtTheTopLevel() {
        assertScimError(hr.get("/scim/v2/Groups"), 404, null);
        assertScimError(hr.get("/scim/v2/Users/" + UUID.randomUUID()), 404, null);
        assertScimError(hr.send("DELETE", "/scim/v2/Users", null), 405, null);
        assertScimError(hr.send("POST", "/scim/v2/Users", "userName=x", "Content-Type", "text/plain"), 415, null);
        assertScimError(hr.send("POST", "/scim/v2/Users", "{\"userName\":\"" + "x".repeat(70_000) + "\"}",
                "Content-Type", SCIM), 413, null);
        assertScimError(hr.send("POST", "/scim/v2/Users", "{not json", "Content-Type", SCIM), 400, "invalidSyntax");
        assertScimError(Api.live().get("/scim/v2/Users"), 401, null);
        assertScimError(Api.live().bearer("not-a-token").get("/scim/v2/Schemas"), 401, null);
        assertScimError(Api.live().bearer(People.token("AUDITOR")).get("/scim/v2/Users"), 403, null);
    }

    @Test
    void givenAndFamilyNamesAreKeptReturnedAndDescribed() {
        String code = code();
        People.createDepartment(code);
        String userName = "ada." + UUID.randomUUID().toString().substring(0, 6) + "@example.edu";
        String employeeId = "E" + UUID.randomUUID().toString().substring(0, 8);
        JsonObject user = create(code, userName, employeeId);
        assertEquals("Ada", user.getJsonObject("name").getString("givenName"), user::toString);
        assertEquals("Lovelace", user.getJsonObject("name").getString("familyName"));
        String id = user.getString("id");
        Api.Reply patched = hr.send("PATCH", "/scim/v2/Users/" + id, "{\"Operations\":[{\"op\":\"replace\","
                + "\"path\":\"name.familyName\",\"value\":\"King\"}]}", "Content-Type", SCIM);
        assertEquals(200, patched.status(), patched::toString);
        JsonObject read = hr.get("/scim/v2/Users/" + id).json().getJsonObject("name");
        assertEquals("Ada", read.getString("givenName"));
        assertEquals("King", read.getString("familyName"));

        JsonObject schemas = hr.get("/scim/v2/Schemas").json();
        JsonObject core = schemas.getJsonArray("Resources").getJsonObject(0);
        JsonObject name = core.getJsonArray("attributes").getValuesAs(JsonObject.class).stream()
                .filter(a -> a.getString("name").equals("name")).findFirst().orElseThrow();
        List<String> parts = name.getJsonArray("subAttributes").getValuesAs(JsonObject.class).stream()
                .map(a -> a.getString("name")).toList();
        assertEquals(List.of("formatted", "givenName", "familyName", "middleName", "honorificPrefix",
                "honorificSuffix"), parts);
        for (JsonObject attribute : core.getJsonArray("attributes").getValuesAs(JsonObject.class)) {
            for (String characteristic : List.of("name", "type", "multiValued", "description", "required",
                    "caseExact", "mutability", "returned", "uniqueness")) {
                assertTrue(attribute.containsKey(characteristic), attribute + " lacks " + characteristic);
            }
        }
    }

    @Test
    void attributesAcceptedAndIgnoredAreDescribedAsWriteOnlyAndNeverReturned() {
        String code = code();
        People.createDepartment(code);
        String userName = "ign." + UUID.randomUUID().toString().substring(0, 6) + "@example.edu";
        String id = create(code, userName, "E" + UUID.randomUUID().toString().substring(0, 8)).getString("id");
        Api.Reply patched = hr.send("PATCH", "/scim/v2/Users/" + id, "{\"Operations\":["
                + "{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Webmaster\"},"
                + "{\"op\":\"replace\",\"path\":\"name.middleName\",\"value\":\"Augusta\"},"
                + "{\"op\":\"add\",\"path\":\"addresses[type eq \\\"work\\\"].locality\",\"value\":\"LA\"}]}",
                "Content-Type", SCIM);
        assertEquals(200, patched.status(), patched::toString);
        assertFalse(patched.body().contains("Webmaster") || patched.body().contains("Augusta"), patched::body);

        JsonObject schemas = hr.get("/scim/v2/Schemas").json();
        for (JsonObject schema : schemas.getJsonArray("Resources").getValuesAs(JsonObject.class)) {
            for (JsonObject attribute : schema.getJsonArray("attributes").getValuesAs(JsonObject.class)) {
                if (List.of("title", "addresses", "password", "manager").contains(attribute.getString("name"))) {
                    assertEquals("writeOnly", attribute.getString("mutability"), attribute::toString);
                    assertEquals("never", attribute.getString("returned"), attribute::toString);
                }
            }
        }
        List<String> described = schemas.getJsonArray("Resources").getValuesAs(JsonObject.class).stream()
                .flatMap(schema -> schema.getJsonArray("attributes").getValuesAs(JsonObject.class).stream())
                .map(attribute -> attribute.getString("name")).toList();
        assertTrue(described.containsAll(List.of("title", "addresses", "password", "manager", "costCenter")),
                described::toString);
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    @Test
    void malformedBodiesAndValuesAreScimBadRequestsAndStoreNothing() {
        String code = code();
        People.createDepartment(code);
        String userName = "bad." + UUID.randomUUID().toString().substring(0, 6) + "@example.edu";
        // Each body has every key once: a duplicate key is a separate kind of bad input.
        java.util.function.BiFunction<String, String, String> with = (field, raw) -> {
            java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
            fields.put("userName", "\"" + userName + "\"");
            fields.put("externalId", "\"E-bad-" + userName.substring(4, 10) + "\"");
            fields.put("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "{\"department\":\"" + code
                    + "\"}");
            fields.put(field, raw);
            return fields.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                    .collect(java.util.stream.Collectors.joining(",", "{", "}"));
        };
        for (String body : List.of("[]", "[" + with.apply("title", "\"Lead\"") + "]", "null", "\"a string\"", "42",
                nested(10_000))) {
            assertScimError(hr.send("POST", "/scim/v2/Users", body, "Content-Type", SCIM), 400, "invalidSyntax");
        }
        for (String value : List.of("[]", "null", "42", "{}", nested(10_000))) {
            Api.Reply reply = hr.send("POST", "/scim/v2/Users", with.apply("userName", value),
                    "Content-Type", SCIM);
            assertEquals(400, reply.status(), () -> value.length() > 20 ? "deep" : value + " " + reply);
            assertScimError(reply, 400, null);
        }
        assertScimError(hr.send("POST", "/scim/v2/Users", with.apply("title", nested(10_000)),
                "Content-Type", SCIM), 400, "invalidSyntax");
        assertScimError(hr.send("POST", "/scim/v2/Users", with.apply("active", "[true]"), "Content-Type",
                SCIM), 400, "invalidValue");
        assertScimError(hr.send("POST", "/scim/v2/Users", with.apply("emails", "\"a@b.edu\""),
                "Content-Type", SCIM), 400, "invalidValue");
        assertScimError(hr.send("POST", "/scim/v2/Users", with.apply("emails",
                "[{\"value\":\"not an address\"}]"), "Content-Type", SCIM), 400, "invalidValue");
        String tenThousand = "x".repeat(10_000);
        for (String field : List.of("userName", "externalId", "displayName")) {
            assertScimError(hr.send("POST", "/scim/v2/Users", with.apply(field, "\"" + tenThousand + "\""),
                    "Content-Type", SCIM), 400, "invalidValue");
        }
        assertScimError(hr.send("POST", "/scim/v2/Users", with.apply("displayName", "\"" + "x".repeat(201)
                + "\""), "Content-Type", SCIM), 400, "invalidValue");
        assertScimError(hr.get("/scim/v2/Users?filter=" + Api.encode("userName eq")), 400, "invalidFilter");
        assertScimError(hr.get("/scim/v2/Users?filter=" + Api.encode("userName eq \"" + "x".repeat(1000))), 400,
                "invalidFilter");
        assertEquals(0, hr.get("/scim/v2/Users?filter=" + Api.encode("userName eq \"" + userName + "\"")).json()
                .getInt("totalResults"), "nothing stored");

        String id = create(code, userName, "E" + UUID.randomUUID().toString().substring(0, 8)).getString("id");
        String before = hr.get("/scim/v2/Users/" + id).body();
        for (String body : List.of("[]", "null", "\"x\"", nested(10_000), "{\"Operations\":" + nested(10_000) + "}")) {
            assertScimError(hr.send("PUT", "/scim/v2/Users/" + id, body, "Content-Type", SCIM), 400, "invalidSyntax");
            assertScimError(hr.send("PATCH", "/scim/v2/Users/" + id, body, "Content-Type", SCIM), 400,
                    "invalidSyntax");
        }
        assertScimError(hr.send("PATCH", "/scim/v2/Users/" + id, "{\"Operations\":[{\"op\":\"replace\","
                + "\"path\":\"favouriteColour\",\"value\":\"red\"}]}", "Content-Type", SCIM), 400, "invalidPath");
        assertScimError(hr.send("PATCH", "/scim/v2/Users/" + id, "{\"Operations\":[{\"op\":\"remove\","
                + "\"path\":\"name.nickname.first\"}]}", "Content-Type", SCIM), 400, "invalidPath");
        assertScimError(hr.send("PATCH", "/scim/v2/Users/" + id, "{\"Operations\":[{\"op\":\"remove\"}]}",
                "Content-Type", SCIM), 400, "noTarget");
        assertScimError(hr.send("PATCH", "/scim/v2/Users/" + id, "{\"Operations\":[{\"op\":\"replace\","
                + "\"path\":\"displayName\",\"value\":\"" + tenThousand + "\"}]}", "Content-Type", SCIM), 400,
                "invalidValue");
        assertScimError(hr.send("PATCH", "/scim/v2/Users/" + id, "{\"Operations\":[{\"op\":\"replace\","
                + "\"path\":\"displayName\",\"value\":[]}]}", "Content-Type", SCIM), 400, "invalidValue");
        assertScimError(hr.send("PATCH", "/scim/v2/Users/" + id, "{\"Operations\":[{\"op\":\"replace\","
                + "\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"nope\"}]}", "Content-Type", SCIM),
                400, "invalidValue");
        assertScimError(hr.send("PUT", "/scim/v2/Users/" + id, "{\"userName\":\"" + userName + "\",\"name\":{"
                + "\"givenName\":\"" + tenThousand + "\"}}", "Content-Type", SCIM), 400, "invalidValue");
        Api.Reply title = hr.send("PATCH", "/scim/v2/Users/" + id, "{\"Operations\":[{\"op\":\"replace\","
                + "\"path\":\"title\",\"value\":\"Lead\"}]}", "Content-Type", SCIM);
        assertEquals(200, title.status(), "an RFC 7643 attribute the service does not keep is accepted: " + title);
        JsonObject after = hr.get("/scim/v2/Users/" + id).json();
        JsonObject was = Json.createReader(new java.io.StringReader(before)).readObject();
        assertEquals(was.getString("displayName"), after.getString("displayName"), "nothing stored");
        assertEquals(was.getJsonArray("emails"), after.getJsonArray("emails"), "nothing stored");
        assertEquals(was.getJsonObject("name"), after.getJsonObject("name"), "nothing stored");
    }

    @Test
    void usersAreProvisionedFoundAndRefusedTheScimWay() {
        String code = code();
        People.createDepartment(code);
        String userName = "ada." + UUID.randomUUID().toString().substring(0, 6) + "@example.edu";
        String employeeId = "E" + UUID.randomUUID().toString().substring(0, 8);
        JsonObject user = create(code, userName, employeeId);
        assertEquals("Ada Lovelace", user.getString("displayName"));
        assertTrue(user.getBoolean("active"));
        String id = user.getString("id");
        assertTrue(user.getJsonObject("meta").getString("location").endsWith("/scim/v2/Users/" + id));

        assertEquals(id, hr.get("/scim/v2/Users/" + id).json().getString("id"));
        JsonObject byUserName = hr.get("/scim/v2/Users?filter=" + Api.encode("userName eq \"" + userName + "\""))
                .json();
        assertEquals(1, byUserName.getInt("totalResults"));
        assertEquals(id, byUserName.getJsonArray("Resources").getJsonObject(0).getString("id"));
        JsonObject byExternalId = hr.get("/scim/v2/Users?filter=" + Api.encode("externalId eq \"" + employeeId
                + "\"")).json();
        assertEquals(1, byExternalId.getInt("totalResults"));
        assertEquals(0, hr.get("/scim/v2/Users?filter=" + Api.encode("userName eq \"nobody@example.edu\"")).json()
                .getInt("totalResults"));

        JsonObject replaced = hr.send("PUT", "/scim/v2/Users/" + id, Json.createObjectBuilder()
                .add("schemas", Json.createArrayBuilder().add("urn:ietf:params:scim:schemas:core:2.0:User"))
                .add("externalId", employeeId).add("userName", userName).add("active", true)
                .add("name", Json.createObjectBuilder().add("formatted", "Ada King")).build().toString(),
                "Content-Type", SCIM).json();
        assertEquals("Ada King", replaced.getString("displayName"));

        assertScimError(hr.send("POST", "/scim/v2/Users", Json.createObjectBuilder().add("userName", userName)
                .add("externalId", "E-other-" + UUID.randomUUID()).build().toString(), "Content-Type", SCIM), 409,
                "uniqueness");
        assertScimError(hr.get("/scim/v2/Users/" + UUID.randomUUID()), 404, null);
        assertScimError(hr.get("/scim/v2/Users?filter=" + Api.encode("name.familyName co \"Love\"")), 400,
                "invalidFilter");
        assertScimError(hr.send("PATCH", "/scim/v2/Users/" + id, "{\"Operations\":[{\"op\":\"replace\","
                + "\"path\":\"externalId\",\"value\":\"E-changed\"}]}", "Content-Type", SCIM), 400, "mutability");
        assertScimError(hr.send("PATCH", "/scim/v2/Users/" + id, "{\"Operations\":[{\"op\":\"frobnicate\"}]}",
                "Content-Type", SCIM), 400, "invalidValue");

        assertEquals("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig",
                hr.get("/scim/v2/ServiceProviderConfig").json().getJsonArray("schemas").getString(0));
        assertTrue(hr.get("/scim/v2/ServiceProviderConfig").json().getJsonObject("patch").getBoolean("supported"));
        assertEquals("User", hr.get("/scim/v2/ResourceTypes").json().getJsonArray("Resources").getJsonObject(0)
                .getString("id"));
        assertEquals(2, hr.get("/scim/v2/Schemas").json().getInt("totalResults"));
    }

    @Test
    void entraIdsDeactivationStartsTheSameOffboardingAndReactivationRestoresNothingTheyHeld() {
        CredentialsIT.Fixture fixture = CredentialsIT.Fixture.create("SCIMOFF");
        String leaver = fixture.contentOwner().personId();
        String employeeId = OffboardingIT.employeeId(leaver);
        String username = Api.admin().get("/api/v1/people/" + leaver).json().getString("username");
        String id = hr.get("/scim/v2/Users?filter=" + Api.encode("externalId eq \"" + employeeId + "\"")).json()
                .getJsonArray("Resources").getJsonObject(0).getString("id");
        assertEquals(leaver, id);

        // The request Microsoft Entra ID's provisioning service sends to disable a user.
        Api.Reply disabled = hr.send("PATCH", "/scim/v2/Users/" + id, "{\"schemas\":[\"urn:ietf:params:scim:api:"
                + "messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}]}",
                "Content-Type", SCIM);
        assertEquals(200, disabled.status(), disabled::toString);
        assertFalse(disabled.json().getBoolean("active"));
        JsonObject offboarding = Api.live().bearer(People.token("HR_INTEGRATION"))
                .get("/api/v1/offboardings?employeeId=" + employeeId).parse().asJsonArray().getJsonObject(0);
        assertEquals("IN_PROGRESS", offboarding.getString("state"));
        JsonObject account = Api.admin().get("/api/v1/accounts/" + fixture.accountId()).json();
        assertEquals(fixture.moderator().personId(), account.getString("contentOwnerId"));
        PlatformIT.assertProblem(People.signInReply(username, "owner-password-22", null), 401, "invalid-credentials");

        Api.Reply again = hr.send("PATCH", "/scim/v2/Users/" + id, "{\"schemas\":[\"urn:ietf:params:scim:api:"
                + "messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":false}}]}",
                "Content-Type", SCIM);
        assertEquals(200, again.status(), again::toString);
        assertEquals(1, Api.admin().get("/api/v1/offboardings?employeeId=" + employeeId).parse().asJsonArray().size(),
                "the same offboarding, not a second one");

        Api.Reply back = hr.send("PATCH", "/scim/v2/Users/" + id, "{\"Operations\":[{\"op\":\"replace\","
                + "\"path\":\"active\",\"value\":true}]}", "Content-Type", SCIM);
        assertTrue(back.json().getBoolean("active"), back::toString);
        PlatformIT.assertProblem(People.signInReply(username, "owner-password-22", null), 401, "invalid-credentials");
        assertEquals(0, Api.admin().get("/api/v1/accounts?owner=" + leaver).json().getJsonArray("items").size()
                + Api.admin().get("/api/v1/accounts?moderator=" + leaver).json().getJsonArray("items").size(),
                "no old assignments");

        Api.Reply leftAgain = hr.send("PATCH", "/scim/v2/Users/" + id, "{\"Operations\":[{\"op\":\"Replace\","
                + "\"path\":\"active\",\"value\":\"False\"}]}", "Content-Type", SCIM);
        assertFalse(leftAgain.json().getBoolean("active"), leftAgain::toString);
        assertEquals(2, Api.admin().get("/api/v1/offboardings?employeeId=" + employeeId).parse().asJsonArray().size(),
                "a reactivated person who leaves again gets a new case");
        PlatformIT.assertProblem(People.signInReply(username, "owner-password-22", null), 401, "invalid-credentials");
    }

    @Test
    void deletingAUserOffboardsThemAndTheResourceIsGone() {
        String department = People.createDepartment(code());
        String leaver = People.member(department).personId();
        String employeeId = OffboardingIT.employeeId(leaver);
        assertEquals(204, hr.delete("/scim/v2/Users/" + leaver).status());
        assertScimError(hr.get("/scim/v2/Users/" + leaver), 404, null);
        JsonObject offboarding = Api.admin().get("/api/v1/offboardings?employeeId=" + employeeId).parse()
                .asJsonArray().getJsonObject(0);
        assertFalse(offboarding.getString("state").equals("SCHEDULED"), offboarding::toString);
        assertEquals("OFFBOARDED", Api.admin().get("/api/v1/people/" + leaver).json().getString("status"));
    }

    private Api.Reply deactivate(String id) {
        return hr.send("PATCH", "/scim/v2/Users/" + id, "{\"Operations\":[{\"op\":\"Replace\",\"path\":\"active\","
                + "\"value\":\"False\"}]}", "Content-Type", SCIM);
    }

    private static long signInRemnants(String personId) throws Exception {
        return TestDatabase.count("SELECT (SELECT COUNT(*) FROM escrow.sign_in WHERE person_id = '" + personId + "')"
                + " + (SELECT COUNT(*) FROM escrow.sealed_value WHERE owner_table = 'sign_in' AND owner_id = '"
                + personId + "') + (SELECT COUNT(*) FROM escrow.recovery_code WHERE person_id = '" + personId + "')"
                + " + (SELECT COUNT(*) FROM escrow.sign_in_device WHERE person_id = '" + personId + "')");
    }

    @Test
    void reactivationNeverRevivesTheOldPasswordTotpSeedOrRecoveryCodes() throws Exception {
        String department = People.createDepartment(code());
        People.Session leaving = People.memberWithoutMfa(department);
        People.EnrolledMfa mfa = People.enrolMfa(leaving);
        String id = leaving.personId();
        String username = Api.admin().get("/api/v1/people/" + id).json().getString("username");
        assertTrue(signInRemnants(id) > 2, "password hash, seed and recovery codes are stored before");

        assertFalse(deactivate(id).json().getBoolean("active"));
        assertEquals(0, signInRemnants(id), "offboarding destroyed the password hash, MFA seed and recovery codes");
        Api.Reply back = hr.send("PATCH", "/scim/v2/Users/" + id, "{\"Operations\":[{\"op\":\"replace\","
                + "\"path\":\"active\",\"value\":true}]}", "Content-Type", SCIM);
        assertTrue(back.json().getBoolean("active"), back::toString);

        String totp = TestTotp.code(mfa.seed(), java.time.Instant.now(), "HmacSHA1", 6, 30);
        PlatformIT.assertProblem(People.signInReply(username, "owner-password-22", totp), 401,
                "invalid-credentials");
        PlatformIT.assertProblem(Api.live().post("/api/v1/session", Json.createObjectBuilder()
                .add("username", username).add("password", "owner-password-22")
                .add("recoveryCode", mfa.recoveryCodes().get(0)).build().toString()), 401, "invalid-credentials");
        assertEquals(0, signInRemnants(id));

        // A DGIT admin sets up a new sign-in; the person starts afresh (new password, MFA enrolled anew).
        Api admin = People.dgitAdmin(department).api();
        Api.Reply setUp = admin.send("PUT", "/api/v1/people/" + id + "/sign-in", Json.createObjectBuilder()
                .add("username", username).add("initialPassword", TestSecrets.remember("fresh-start-password-1"))
                .build().toString(), "Content-Type", "application/json");
        assertEquals(201, setUp.status(), setUp::toString);
        assertEquals("NONE", setUp.json().getString("mfa"), setUp::toString);
        PlatformIT.assertProblem(admin.send("PUT", "/api/v1/people/" + id + "/sign-in", "{\"username\":\"again-"
                + UUID.randomUUID().toString().substring(0, 6) + "\",\"initialPassword\":\""
                + TestSecrets.remember("another-password-1") + "\"}",
                "Content-Type", "application/json"), 409, "conflict");
        Api.Reply signedIn = People.signInReply(username, "fresh-start-password-1", null);
        assertEquals(201, signedIn.status(), signedIn::toString);
        assertEquals("password-change-required", signedIn.json().getString("restriction"));
    }

    @Test
    void aChangeOfEmailIsAuditedWithTheOldAndNewAddress() throws Exception {
        String code = code();
        People.createDepartment(code);
        String userName = "grace." + UUID.randomUUID().toString().substring(0, 6) + "@example.edu";
        String id = create(code, userName, "E" + UUID.randomUUID().toString().substring(0, 8)).getString("id");
        String newEmail = "grace.hopper." + UUID.randomUUID().toString().substring(0, 6) + "@example.edu";
        Api.Reply changed = hr.send("PATCH", "/scim/v2/Users/" + id, "{\"Operations\":[{\"op\":\"replace\","
                + "\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"" + newEmail + "\"}]}",
                "Content-Type", SCIM);
        assertEquals(200, changed.status(), changed::toString);
        assertEquals(newEmail, Api.admin().get("/api/v1/people/" + id).json().getString("email"));
        assertEquals(1, TestDatabase.auditCount("action = 'PERSON_UPDATE' AND target_id = '" + id
                + "' AND details LIKE '%\"oldEmail\":\"" + userName + "\"%' AND details LIKE '%\"newEmail\":\"" + newEmail + "\"%'"),
                "one PERSON_UPDATE with the old and the new e-mail");
    }

    @Test
    void deactivationBringsForwardAnOffboardingScheduledForLater() {
        String department = People.createDepartment(code());
        People.Session leaving = People.member(department);
        String employeeId = OffboardingIT.employeeId(leaving.personId());
        Api.Reply scheduled = Api.live().bearer(People.token("HR_INTEGRATION")).post("/api/v1/offboardings",
                Json.createObjectBuilder().add("employeeId", employeeId).add("effectiveAt",
                        java.time.Instant.now().plus(java.time.Duration.ofDays(14)).toString()).build().toString());
        assertEquals(202, scheduled.status(), scheduled::toString);
        assertEquals(200, leaving.api().get("/api/v1/session").status(), "at work until the effective time");

        assertFalse(deactivate(leaving.personId()).json().getBoolean("active"));
        JsonObject offboarding = Api.admin().get("/api/v1/offboardings/" + scheduled.json().getString("id")).json();
        assertFalse(offboarding.getString("state").equals("SCHEDULED"), offboarding::toString);
        PlatformIT.assertProblem(leaving.api().get("/api/v1/session"), 401, "unauthenticated");
        assertEquals(1, Api.admin().get("/api/v1/offboardings?employeeId=" + employeeId).parse().asJsonArray()
                .size(), "the scheduled case, brought forward; not a second one");
    }
}
