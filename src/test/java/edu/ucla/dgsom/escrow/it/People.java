package edu.ucla.dgsom.escrow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.HttpCookie;
import java.time.Instant;
import java.util.UUID;

/** Test helpers that set up departments, people and sessions through the API, as an administrator would. */
public final class People {

    private People() {
    }

    /** A signed-in person: an API client that sends their session cookie and CSRF token. */
    public record Session(Api api, String personId, String cookie, String csrf, JsonObject body) {
    }

    public static String createDepartment(String code) {
        Api.Reply reply = Api.admin().post("/api/v1/departments", Json.createObjectBuilder().add("code", code)
                .add("name", "Department " + code).build().toString());
        assertEquals(201, reply.status(), reply::toString);
        return reply.json().getString("id");
    }

    /** Creates a person with a sign-in; returns their id. */
    public static String createPerson(String departmentId, String username, String initialPassword) {
        TestSecrets.remember(initialPassword);
        Api.Reply reply = Api.admin().post("/api/v1/people", Json.createObjectBuilder()
                .add("employeeId", "E" + UUID.randomUUID().toString().substring(0, 8))
                .add("name", "Person " + username).add("email", username + "@example.edu")
                .add("departmentId", departmentId)
                .add("signIn", Json.createObjectBuilder().add("username", username)
                        .add("initialPassword", initialPassword)).build().toString());
        assertEquals(201, reply.status(), reply::toString);
        return reply.json().getString("id");
    }

    public static void grant(String personId, String role, String departmentId) {
        var body = Json.createObjectBuilder().add("role", role);
        if (departmentId != null) {
            body.add("departmentId", departmentId);
        }
        Api.Reply reply = Api.admin().post("/api/v1/people/" + personId + "/roles", body.build().toString());
        assertEquals(201, reply.status(), reply::toString);
    }

    public static String token(String role) {
        Api.Reply reply = Api.admin().post("/api/v1/tokens", Json.createObjectBuilder().add("name", "test " + role)
                .add("role", role).add("expiresAt", Instant.now().plusSeconds(86_400).toString()).build().toString());
        assertEquals(201, reply.status(), reply::toString);
        return TestSecrets.remember(reply.json().getString("token"));
    }

    public static Api.Reply signInReply(String username, String password, String totp) {
        var body = Json.createObjectBuilder().add("username", username).add("password", password);
        if (totp != null) {
            body.add("totpCode", totp);
        }
        return Api.live().post("/api/v1/session", body.build().toString());
    }

    public static Session signIn(String username, String password, String totp) {
        Api.Reply reply = signInReply(username, password, totp);
        assertEquals(201, reply.status(), reply::toString);
        String cookie = HttpCookie.parse(reply.header("Set-Cookie")).get(0).getValue();
        String csrf = TestSecrets.remember(reply.json().getString("csrfToken"));
        TestSecrets.remember(cookie);
        TestSecrets.remember(password);
        Api api = Api.live().with("Cookie", "escrow_session=" + cookie).with("X-CSRF-Token", csrf);
        return new Session(api, reply.json().getString("id"), cookie, csrf, reply.json());
    }

    /** A department owner with a finished sign-in (password changed; MFA is not required of owners by default). */
    public static Session departmentOwner(String departmentId) {
        return signedInPerson(departmentId, "DEPARTMENT_OWNER");
    }

    /** A workforce member without any role, e.g. an account's content owner or backup moderator, signed in. */
    public static Session member(String departmentId) {
        return signedInPerson(departmentId, null);
    }

    private static Session signedInPerson(String departmentId, String role) {
        TestSecrets.remember("owner-password-22");
        String username = (role == null ? "member-" : "owner-") + UUID.randomUUID().toString().substring(0, 8);
        String personId = createPerson(departmentId, username, "initial-password-1");
        if (role != null) {
            grant(personId, role, departmentId);
        }
        Session first = signIn(username, "initial-password-1", null);
        Api.Reply changed = first.api().post("/api/v1/session/password",
                "{\"currentPassword\":\"initial-password-1\",\"newPassword\":\"owner-password-22\"}");
        assertEquals(204, changed.status(), changed::toString);
        return first;
    }

    /** A signed-in DGIT admin who has enrolled MFA (a new person of the department, granted DGIT_ADMIN). */
    public static Session dgitAdmin(String departmentId) throws Exception {
        Session admin = member(departmentId);
        grant(admin.personId(), "DGIT_ADMIN", null);
        enrolMfa(admin);
        return admin;
    }

    /** A person's TOTP seed and recovery codes, as their enrolment showed them. */
    public record Mfa(byte[] seed, java.util.List<String> recoveryCodes) {
    }

    /** Enrols MFA for a signed-in person; the seed and the recovery codes are remembered as secrets. */
    public static Mfa enrolMfa(Session person) throws Exception {
        Api.Reply enrolment = person.api().post("/api/v1/session/mfa", "");
        assertEquals(201, enrolment.status(), enrolment::toString);
        byte[] seed = TestTotp.base32(TestSecrets.remember(enrolment.json().getString("secret")));
        Api.Reply confirmed = person.api().post("/api/v1/session/mfa/confirmation", "{\"code\":\""
                + TestTotp.code(seed, Instant.now(), "HmacSHA1", 6, 30) + "\"}");
        assertEquals(200, confirmed.status(), confirmed::toString);
        java.util.List<String> codes = confirmed.json().getJsonArray("recoveryCodes")
                .getValuesAs(jakarta.json.JsonString.class).stream().map(c -> TestSecrets.remember(c.getString()))
                .toList();
        return new Mfa(seed, codes);
    }
}
