package edu.ucla.dgsom.escrow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
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
        assertEquals("urn:ietf:params:scim:api:messages:2.0:Error", error.getJsonArray("schemas").getString(0));
        assertEquals(Integer.toString(status), error.getString("status"));
        if (scimType != null) {
            assertEquals(scimType, error.getString("scimType"), reply::toString);
        }
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
        assertScimError(hr.send("POST", "/scim/v2/Users", "{not json", "Content-Type", SCIM), 400, null);
        assertScimError(Api.live().get("/scim/v2/Users"), 401, null);
        assertScimError(Api.live().bearer(People.token("AUDITOR")).get("/scim/v2/Users"), 403, null);

        assertEquals("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig",
                hr.get("/scim/v2/ServiceProviderConfig").json().getJsonArray("schemas").getString(0));
        assertTrue(hr.get("/scim/v2/ServiceProviderConfig").json().getJsonObject("patch").getBoolean("supported"));
        assertEquals("User", hr.get("/scim/v2/ResourceTypes").json().getJsonArray("Resources").getJsonObject(0)
                .getString("id"));
        assertEquals(2, hr.get("/scim/v2/Schemas").json().getInt("totalResults"));
    }

    @Test
    void entraIdsDeactivationStartsTheSameOffboardingAndReactivationRestoresOnlyTheSignIn() {
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
        assertEquals(201, People.signInReply(username, "owner-password-22", null).status(), "sign-in restored");
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
}
