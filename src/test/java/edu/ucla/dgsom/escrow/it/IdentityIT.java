package edu.ucla.dgsom.escrow.it;

import static edu.ucla.dgsom.escrow.it.PlatformIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.HttpCookie;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** Sign-in, MFA, sessions, tokens and scoping, as the first admin, a department owner, HR's system and an auditor. */
@ExtendWith(LiveService.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IdentityIT {

    private static final List<String> PLAINTEXTS = new ArrayList<>();

    @Test
    @Order(1)
    void firstAdminSignsInChangesPasswordEnrolsMfaThenAdministers() throws Exception {
        People.Session admin = People.signIn("admin", LiveService.ADMIN_PASSWORD, null);
        assertEquals("password-change-required", admin.body().getString("restriction"));
        String setCookie = Api.live().post("/api/v1/session", "{\"username\":\"admin\",\"password\":\""
                + LiveService.ADMIN_PASSWORD + "\"}").header("Set-Cookie");
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"), setCookie);
        assertFalse(setCookie.contains(admin.cookie()), "a new session id at every sign-in");

        assertProblem(admin.api().get("/api/v1/departments"), 403, "sign-in-incomplete");
        Api withoutCsrf = Api.live().with("Cookie", "escrow_session=" + admin.cookie());
        String newPassword = "admin-new-password-" + UUID.randomUUID();
        PLAINTEXTS.add(TestSecrets.remember(newPassword));
        String change = "{\"currentPassword\":\"" + LiveService.ADMIN_PASSWORD + "\",\"newPassword\":\"" + newPassword
                + "\"}";
        assertProblem(withoutCsrf.post("/api/v1/session/password", change), 403, "csrf-rejected");
        assertProblem(admin.api().post("/api/v1/session/password",
                "{\"currentPassword\":\"x\",\"newPassword\":\"short\"}"), 400, "validation-failed");
        assertEquals(204, admin.api().post("/api/v1/session/password", change).status());

        assertEquals("mfa-enrolment-required", admin.api().get("/api/v1/session").json().getString("restriction"));
        assertProblem(admin.api().post("/api/v1/departments", "{\"code\":\"NOPE\",\"name\":\"Nope\"}"), 403,
                "sign-in-incomplete");
        // As the README's curl does it: no body and no Content-Type.
        Api.Reply enrolment = admin.api().send("POST", "/api/v1/session/mfa", null);
        assertEquals(201, enrolment.status(), enrolment::toString);
        String secret = enrolment.json().getString("secret");
        PLAINTEXTS.add(TestSecrets.remember(secret));
        assertTrue(enrolment.json().getString("otpauthUri").startsWith("otpauth://totp/"), enrolment::body);
        byte[] seed = TestTotp.base32(secret);
        Api.Reply wrongCode = admin.api().post("/api/v1/session/mfa/confirmation", "{\"code\":\"000000\"}");
        assertProblem(wrongCode, 400, "validation-failed");
        Api.Reply confirmed = admin.api().post("/api/v1/session/mfa/confirmation",
                "{\"code\":\"" + TestTotp.code(seed, Instant.now(), "HmacSHA1", 6, 30) + "\"}");
        assertEquals(200, confirmed.status(), confirmed::toString);
        assertEquals(10, confirmed.json().getJsonArray("recoveryCodes").size());
        String recoveryCode = confirmed.json().getJsonArray("recoveryCodes").getString(0);
        PLAINTEXTS.add(TestSecrets.remember(recoveryCode));
        Api.Reply withoutCode = admin.api().post("/api/v1/session/mfa", "");
        assertProblem(withoutCode, 400, "validation-failed");
        assertEquals("code", withoutCode.json().getJsonArray("errors").getJsonObject(0).getString("field"),
                "an enrolled person re-enrols only with a code of the enrolled authenticator");

        Api.Reply department = admin.api().post("/api/v1/departments", "{\"code\":\"PEDS\",\"name\":\"Pediatrics\"}");
        assertEquals(201, department.status(), department::toString);
        assertTrue(department.header("Location").endsWith("/api/v1/departments/" + department.json().getString("id")));
        String departmentId = department.json().getString("id");
        Api.Reply person = admin.api().post("/api/v1/people", Json.createObjectBuilder().add("employeeId", "100200")
                .add("name", "Dana Chair").add("email", "dana@example.edu").add("departmentId", departmentId)
                .add("signIn", Json.createObjectBuilder().add("username", "dana")
                        .add("initialPassword", "dana-initial-pw-1")).build().toString());
        assertEquals(201, person.status(), person::toString);
        PLAINTEXTS.add(TestSecrets.remember("dana-initial-pw-1"));
        Api.Reply grant = admin.api().post("/api/v1/people/" + person.json().getString("id") + "/roles",
                "{\"role\":\"DEPARTMENT_OWNER\",\"departmentId\":\"" + departmentId + "\"}");
        assertEquals(201, grant.status(), grant::toString);
        Api.Reply token = admin.api().post("/api/v1/tokens", "{\"name\":\"HR system\",\"role\":\"HR_INTEGRATION\","
                + "\"expiresAt\":\"" + Instant.now().plusSeconds(3600) + "\"}");
        assertEquals(201, token.status(), token::toString);
        String hrToken = token.json().getString("token");
        PLAINTEXTS.add(TestSecrets.remember(hrToken));
        assertFalse(admin.api().get("/api/v1/tokens").body().contains(hrToken), "a token is shown once");
        assertEquals(200, Api.live().bearer(hrToken).get("/api/v1/session").status());

        assertProblem(People.signInReply("admin", newPassword, null), 401, "mfa-required");
        Api.Reply withRecovery = Api.live().post("/api/v1/session", "{\"username\":\"admin\",\"password\":\""
                + newPassword + "\",\"recoveryCode\":\"" + recoveryCode + "\"}");
        assertEquals(201, withRecovery.status(), withRecovery::toString);
        assertProblem(Api.live().post("/api/v1/session", "{\"username\":\"admin\",\"password\":\"" + newPassword
                + "\",\"recoveryCode\":\"" + recoveryCode + "\"}"), 401, "invalid-credentials");

        assertEquals(204, admin.api().delete("/api/v1/session").status());
        assertProblem(admin.api().get("/api/v1/session"), 401, "unauthenticated");

        JsonObject seen = Api.admin().get("/api/v1/people/" + withRecovery.json().getString("id")).json();
        assertEquals("ENROLLED", seen.getString("mfa"));
        assertFalse(seen.toString().contains(secret));
    }

    @Test
    void wrongPasswordUnknownUserAndLockedUserAreIndistinguishableAndTheLockLifts() throws Exception {
        String departmentId = People.createDepartment("LOCK" + suffix());
        String username = "locky-" + suffix();
        String nobody = "nobody-" + suffix();
        People.createPerson(departmentId, username, "correct-password-1");

        Api.Reply wrong = People.signInReply(username, "wrong-password-1", null);
        Api.Reply unknown = People.signInReply(nobody, "wrong-password-1", null);
        assertSameRefusal(wrong, unknown);
        for (int i = 0; i < 4; i++) {
            People.signInReply(username, "wrong-password-1", null);
            People.signInReply(nobody, "wrong-password-1", null);
        }
        // A made-up name is throttled exactly like a real one, so a 429 does not tell which names exist.
        Api.Reply locked = People.signInReply(username, "correct-password-1", null);
        Api.Reply lockedUnknown = People.signInReply(nobody, "wrong-password-1", null);
        assertProblem(locked, 429, "too-many-requests");
        assertSameRefusal(locked, lockedUnknown);
        assertNotNull(locked.header("Retry-After"));
        assertNotNull(lockedUnknown.header("Retry-After"));

        Thread.sleep((LiveService.LOCK_SECONDS + 1) * 1000L);
        assertEquals(201, People.signInReply(username, "correct-password-1", null).status(), "the lock lifted");
    }

    @Test
    void departmentOwnerSeesOnlyTheirDepartment() {
        String mine = People.createDepartment("MINE" + suffix());
        String other = People.createDepartment("OTHR" + suffix());
        String otherPerson = People.createPerson(other, "other-" + suffix(), "other-password-1");
        People.Session owner = People.departmentOwner(mine);

        assertEquals(200, owner.api().get("/api/v1/departments/" + mine).status());
        assertProblem(owner.api().get("/api/v1/departments/" + other), 404, "not-found");
        assertProblem(owner.api().get("/api/v1/people/" + otherPerson), 404, "not-found");
        assertEquals(List.of(mine), owner.api().get("/api/v1/departments").parse().asJsonArray().stream()
                .map(d -> d.asJsonObject().getString("id")).toList());
        assertProblem(owner.api().post("/api/v1/departments", "{\"code\":\"EVIL\",\"name\":\"Evil\"}"), 403,
                "forbidden");
    }

    @Test
    void hrTokenReachesNothingButItsOwnSessionAndAuditorNoSecretOrChange() {
        Api hr = Api.live().bearer(People.token("HR_INTEGRATION"));
        for (String path : new String[] {"/api/v1/departments", "/api/v1/people", "/api/v1/tokens", "/api/v1/keys"}) {
            assertProblem(hr.get(path), 403, "forbidden");
        }
        Api auditor = Api.live().bearer(People.token("AUDITOR"));
        assertEquals(200, auditor.get("/api/v1/keys").status());
        assertProblem(auditor.post("/api/v1/keys/rotations", "{\"reason\":\"auditors may not rotate\"}"), 403,
                "forbidden");
        assertProblem(auditor.get("/api/v1/tokens"), 403, "forbidden");
    }

    @Test
    void hrStaffHoldTheRoleWithoutADepartmentMustEnrolMfaAndThenSeeEveryPersonAndDepartment() {
        String other = People.createDepartment("HROT" + suffix());
        Api.Reply outsider = Api.admin().post("/api/v1/people", Json.createObjectBuilder()
                .add("employeeId", "E-hr-" + suffix()).add("name", "Elsewhere Person").add("email", "else@example.edu")
                .add("departmentId", other).build().toString());
        assertEquals(201, outsider.status(), outsider::toString);
        People.Session hr = People.memberWithoutMfa(People.createDepartment("HRST" + suffix()));
        CredentialsIT.assertField(People.admin().post("/api/v1/people/" + hr.personId() + "/roles",
                "{\"role\":\"HR_STAFF\",\"departmentId\":\"" + other + "\"}"), 400, "departmentId");
        People.grant(hr.personId(), "HR_STAFF", null);

        assertEquals("mfa-enrolment-required", hr.api().get("/api/v1/session").json().getString("restriction"));
        assertProblem(hr.api().get("/api/v1/people"), 403, "sign-in-incomplete");
        People.enrolMfa(hr);
        assertEquals(200, hr.api().get("/api/v1/people/" + outsider.json().getString("id")).status(),
                "HR offboards anyone, so sees everyone");
        assertEquals(200, hr.api().get("/api/v1/departments/" + other).status());
        assertTrue(hr.api().get("/api/v1/departments").parse().asJsonArray().stream()
                .anyMatch(d -> d.asJsonObject().getString("id").equals(other)));
        assertProblem(hr.api().get("/api/v1/tokens"), 403, "forbidden");
    }

    @Test
    void revokedTokenStopsWorkingAtOnce() throws Exception {
        Api.Reply created = People.admin().post("/api/v1/tokens", "{\"name\":\"script\",\"role\":\"AUDITOR\","
                + "\"expiresAt\":\"" + Instant.now().plusSeconds(3600) + "\"}");
        Api script = Api.live().bearer(created.json().getString("token"));
        assertEquals(200, script.get("/api/v1/keys").status());
        assertEquals(204, Api.admin().delete("/api/v1/tokens/" + created.json().getString("id")).status());
        String requestId = "revoked-token-" + suffix();
        assertProblem(script.get("/api/v1/keys", "X-Request-Id", requestId), 401, "unauthenticated");
        assertEquals(1, TestDatabase.auditCount("request_id = '" + requestId + "' AND action = 'TOKEN_USE'"
                + " AND outcome = 'DENIED' AND reason = 'revoked'"), "a revoked token's use is audited");
        assertNull(Api.admin().get("/api/v1/tokens/" + created.json().getString("id")).json().get("token"));
    }

    /** One entry per client address and window, with the count (AuditIT has the burst). */
    @Test
    void unauthenticatedCallsAreRefusedWith401AndAuditedPerAddressAndWindow() throws Exception {
        String before = Instant.now().minusSeconds(1).toString().replace('T', ' ').replace("Z", "");
        assertProblem(Api.live().get("/api/v1/departments"), 401, "unauthenticated");
        String entry = " WHERE action = 'REQUEST_DENIED' AND actor_type = 'ANONYMOUS' AND outcome = 'DENIED'"
                + " AND reason = 'not authenticated' AND client_address = '127.0.0.1' AND occurred_at >= '" + before
                + "'";
        Instant deadline = Instant.now().plusSeconds(LiveService.ANONYMOUS_REFUSAL_WINDOW_SECONDS + 20);
        while (TestDatabase.count("SELECT (SELECT COUNT(*) FROM escrow_audit.audit_event" + entry
                + ") + (SELECT COUNT(*) FROM escrow_audit.audit_pending" + entry + ")") == 0) {
            assertTrue(Instant.now().isBefore(deadline), "the window's refusals were not audited");
            Thread.sleep(500);
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void theDatabaseHoldsNoPasswordTokenOrSeedInPlaintext() throws Exception {
        People.Session owner = People.departmentOwner(People.createDepartment("DUMP" + suffix()));
        String username = "dump-" + suffix();
        People.createPerson(People.createDepartment("DUMQ" + suffix()), username, "initial-password-1");
        Api.Reply enrolment = People.signIn(username, "initial-password-1", null).api().post("/api/v1/session/mfa", "");
        assertEquals(201, enrolment.status(), enrolment::toString);
        List<String> secrets = new ArrayList<>(PLAINTEXTS);
        secrets.add(enrolment.json().getString("secret"));
        secrets.add(LiveService.ADMIN_PASSWORD);
        secrets.add(LiveService.ADMIN_TOKEN);
        secrets.add("owner-password-22");
        secrets.add(owner.cookie());
        secrets.add(owner.csrf());
        String dump = TestDatabase.dump();
        for (String secret : secrets) {
            assertFalse(dump.contains(secret), "the database dump contains a secret");
        }
        assertTrue(dump.contains("$argon2id$v=19$m=19456,t=2,p=1$"), "passwords are Argon2id hashes");
    }

    private static void assertSameRefusal(Api.Reply expected, Api.Reply actual) {
        assertEquals(expected.status(), actual.status());
        JsonObject a = expected.json();
        JsonObject b = actual.json();
        for (String field : new String[] {"type", "title", "status", "detail"}) {
            assertEquals(a.get(field), b.get(field), field);
        }
        assertNull(actual.header("Set-Cookie"));
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    }

    static String cookieOf(Api.Reply reply) {
        return HttpCookie.parse(reply.header("Set-Cookie")).get(0).getValue();
    }
}
