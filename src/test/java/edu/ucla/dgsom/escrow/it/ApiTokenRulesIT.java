package edu.ucla.dgsom.escrow.it;

import static edu.ucla.dgsom.escrow.it.CredentialsIT.assertField;
import static edu.ucla.dgsom.escrow.it.PlatformIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What API tokens may not do (make tokens, grant or revoke roles, give a sign-in: only a person with MFA may), that a
 * token dies with its issuer's standing, and that a department owner's token owns its one department.
 */
@ExtendWith(LiveService.class)
class ApiTokenRulesIT {

    @Test
    void a_dgit_admin_token_cannot_create_a_token() throws Exception {
        String request = UUID.randomUUID().toString();
        Api.Reply reply = Api.admin().post("/api/v1/tokens", tokenRequest("AUDITOR"), "X-Request-Id", request);
        assertProblem(reply, 403, "person-with-mfa-required");
        assertEquals(1, TestDatabase.auditCount("request_id = '" + request + "' AND action = 'REQUEST_DENIED'"
                + " AND outcome = 'DENIED'"));
        assertEquals(201, People.admin().post("/api/v1/tokens", tokenRequest("AUDITOR")).status(),
                "a DGIT admin person with MFA may");
    }

    @Test
    void a_dgit_admin_token_cannot_grant_or_revoke_a_role() {
        String department = People.createDepartment("TOKR" + UUID.randomUUID().toString().substring(0, 4));
        People.Session member = People.member(department);
        assertProblem(Api.admin().post("/api/v1/people/" + member.personId() + "/roles", "{\"role\":\"AUDITOR\"}"),
                403, "person-with-mfa-required");
        People.grant(member.personId(), "AUDITOR", null);
        String grantId = People.grantId(member.personId(), "AUDITOR");
        assertProblem(Api.admin().delete("/api/v1/people/" + member.personId() + "/roles/" + grantId), 403,
                "person-with-mfa-required");
        assertEquals(1, Api.admin().get("/api/v1/people/" + member.personId()).json().getJsonArray("roles").size(),
                "the role is still there");
    }

    @Test
    void a_dgit_admin_token_cannot_create_a_person_with_a_sign_in_but_may_create_one_without() throws Exception {
        String department = People.createDepartment("TOKS" + UUID.randomUUID().toString().substring(0, 4));
        String employeeId = "E-tok-" + UUID.randomUUID();
        String username = "token-made-" + UUID.randomUUID().toString().substring(0, 8);
        String withSignIn = personRequest(employeeId, department).add("signIn", Json.createObjectBuilder()
                .add("username", username).add("initialPassword", TestSecrets.remember("token-initial-pw-1")))
                .build().toString();
        String request = UUID.randomUUID().toString();
        assertProblem(Api.admin().post("/api/v1/people", withSignIn, "X-Request-Id", request), 403,
                "person-with-mfa-required");
        assertEquals(1, TestDatabase.auditCount("request_id = '" + request + "' AND action = 'PERSON_CREATE'"
                + " AND outcome = 'DENIED'"));
        assertEquals(0, TestDatabase.count("SELECT COUNT(*) FROM escrow.person WHERE employee_id = '" + employeeId + "'"),
                "nothing was created");
        assertEquals(0, TestDatabase.count("SELECT COUNT(*) FROM escrow.sign_in WHERE username = '" + username + "'"));

        Api.Reply withoutSignIn = Api.admin().post("/api/v1/people", personRequest("E-tok-" + UUID.randomUUID(),
                department).build().toString());
        assertEquals(201, withoutSignIn.status(), withoutSignIn::toString);
        assertEquals(0, TestDatabase.count("SELECT COUNT(*) FROM escrow.sign_in WHERE person_id = '"
                + withoutSignIn.json().getString("id") + "'"), "a person without a sign-in");

        Api.Reply byPerson = People.admin().post("/api/v1/people", withSignIn);
        assertEquals(201, byPerson.status(), "a DGIT admin person with MFA may: " + byPerson);
        assertEquals(username, byPerson.json().getString("username"));
    }

    @Test
    void a_token_issued_by_a_person_who_then_loses_dgit_admin_is_refused() {
        People.Session issuer = dgitAdminPerson("TOKL");
        Api token = Api.live().bearer(issue(issuer));
        assertEquals(200, token.get("/api/v1/keys").status(), "the token works before");
        Api.Reply revoked = People.admin().delete("/api/v1/people/" + issuer.personId() + "/roles/"
                + People.grantId(issuer.personId(), "DGIT_ADMIN"));
        assertEquals(204, revoked.status(), revoked::toString);
        assertProblem(token.get("/api/v1/keys"), 401, "unauthenticated");
    }

    @Test
    void a_token_issued_by_a_person_who_is_then_offboarded_is_refused() throws Exception {
        People.Session issuer = dgitAdminPerson("TOKO");
        Api token = Api.live().bearer(issue(issuer));
        assertEquals(200, token.get("/api/v1/keys").status(), "the token works before");
        // An offboarding revokes the tokens a person issued; this shows the token also dies without that step
        // (e.g. a person offboarded outside the escrow, or a token the handover missed).
        TestDatabase.update("UPDATE person SET status = 'OFFBOARDED' WHERE id = '" + issuer.personId() + "'");
        assertProblem(token.get("/api/v1/keys"), 401, "unauthenticated");
    }

    @Test
    void the_bootstrap_token_has_no_issuing_person_and_keeps_working() {
        assertEquals(200, Api.admin().get("/api/v1/keys").status());
    }

    @Test
    void a_department_owner_token_sees_its_departments_accounts_and_nothing_else_and_no_secret() {
        String mine = People.createDepartment("TOKD" + UUID.randomUUID().toString().substring(0, 4));
        String other = People.createDepartment("TOKE" + UUID.randomUUID().toString().substring(0, 4));
        String myAccount = account(mine);
        String otherAccount = account(other);
        Api.Reply issued = People.admin().post("/api/v1/tokens", tokenRequest("DEPARTMENT_OWNER", mine));
        assertEquals(201, issued.status(), issued::toString);
        assertEquals(mine, issued.json().getString("departmentId"));
        assertEquals(mine, Api.admin().get("/api/v1/tokens/" + issued.json().getString("id")).json()
                .getString("departmentId"));
        Api token = Api.live().bearer(TestSecrets.remember(issued.json().getString("token")));

        Api.Reply listed = token.get("/api/v1/accounts?limit=200");
        assertEquals(200, listed.status(), listed::toString);
        List<JsonObject> items = listed.json().getJsonArray("items").getValuesAs(JsonObject.class);
        assertEquals(List.of(myAccount), items.stream().map(a -> a.getString("id")).toList(), listed::toString);
        assertEquals(200, token.get("/api/v1/accounts/" + myAccount).status());
        assertProblem(token.get("/api/v1/accounts/" + otherAccount), 404, "not-found");
        assertProblem(token.post("/api/v1/accounts/" + myAccount + "/credentials/reveal",
                "{\"reason\":\"A token never sees a secret\"}"), 403, "person-with-mfa-required");
    }

    @Test
    void only_a_department_owner_token_names_a_department_and_it_must_exist() {
        String department = People.createDepartment("TOKF" + UUID.randomUUID().toString().substring(0, 4));
        assertField(People.admin().post("/api/v1/tokens", tokenRequest("DEPARTMENT_OWNER", null)), 400,
                "departmentId");
        assertField(People.admin().post("/api/v1/tokens", tokenRequest("AUDITOR", department)), 400, "departmentId");
        assertField(People.admin().post("/api/v1/tokens", tokenRequest("DEPARTMENT_OWNER",
                UUID.randomUUID().toString())), 400, "departmentId");
    }

    @Test
    void no_token_carries_hr_staff_which_is_for_people() {
        Api.Reply refused = People.admin().post("/api/v1/tokens", tokenRequest("HR_STAFF"));
        assertField(refused, 400, "role");
        assertEquals("HR_STAFF is for people only; no token carries it (HR's system uses HR_INTEGRATION)", refused.json().getString("detail"));
    }

    /** An account of {@code departmentId} held by two people without a sign-in; answers its id. */
    private static String account(String departmentId) {
        return OffboardingIT.registerAccount(People.admin(), departmentId, "Token scope", person(departmentId),
                person(departmentId));
    }

    private static String person(String departmentId) {
        Api.Reply created = Api.admin().post("/api/v1/people", personRequest("E-tok-" + UUID.randomUUID(),
                departmentId).build().toString());
        assertEquals(201, created.status(), created::toString);
        return created.json().getString("id");
    }

    private static People.Session dgitAdminPerson(String code) {
        People.Session person = People.member(People.createDepartment(code + UUID.randomUUID().toString()
                .substring(0, 4)));
        People.grant(person.personId(), "DGIT_ADMIN", null);
        return person;
    }

    private static String issue(People.Session issuer) {
        Api.Reply issued = issuer.api().post("/api/v1/tokens", tokenRequest("AUDITOR"));
        assertEquals(201, issued.status(), issued::toString);
        return TestSecrets.remember(issued.json().getString("token"));
    }

    private static JsonObjectBuilder personRequest(String employeeId, String departmentId) {
        return Json.createObjectBuilder().add("employeeId", employeeId).add("name", "Token Provisioned")
                .add("email", "provisioned@example.edu").add("departmentId", departmentId);
    }

    private static String tokenRequest(String role) {
        return tokenRequest(role, null);
    }

    private static String tokenRequest(String role, String departmentId) {
        JsonObjectBuilder request = Json.createObjectBuilder().add("name", "rules " + role).add("role", role)
                .add("expiresAt", Instant.now().plusSeconds(3600).toString());
        if (departmentId != null) {
            request.add("departmentId", departmentId);
        }
        return request.build().toString();
    }
}
