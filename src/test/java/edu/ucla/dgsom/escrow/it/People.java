package edu.ucla.dgsom.escrow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import edu.ucla.dgsom.escrow.access.control.PasswordHasher;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.HttpCookie;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Test helpers that set up departments, people and sessions through the API, as an administrator would. Roles and
 * tokens need a signed-in person with MFA (API tokens may not grant roles or make tokens): {@link #admin()} is such a
 * DGIT admin, made once per run.
 */
public final class People {

    private static final Duration ADMIN_SESSION_REUSE = Duration.ofMinutes(10);
    private static final int TOTP_PERIOD = 30;
    private static TestAdmin testAdmin;

    private People() {
    }

    /** The run's DGIT admin person, its password and TOTP seed, and the session in use. */
    private static final class TestAdmin {
        final String username;
        final String password;
        final byte[] seed;
        long lastStep;
        Session session;
        Instant lastUse;

        TestAdmin(String username, String password, byte[] seed, long lastStep, Session session) {
            this.username = username;
            this.password = password;
            this.seed = seed;
            this.lastStep = lastStep;
            this.session = session;
            this.lastUse = Instant.now();
        }
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

    /**
     * Creates a person with a sign-in, as the run's DGIT admin person (a token may not give a sign-in); returns their
     * id.
     */
    public static String createPerson(String departmentId, String username, String initialPassword) {
        TestSecrets.remember(initialPassword);
        Api.Reply reply = admin().post("/api/v1/people", Json.createObjectBuilder()
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
        Api.Reply reply = admin().post("/api/v1/people/" + personId + "/roles", body.build().toString());
        assertEquals(201, reply.status(), reply::toString);
    }

    /** A token made by the run's DGIT admin person. */
    public static String token(String role) {
        Api.Reply reply = admin().post("/api/v1/tokens", Json.createObjectBuilder().add("name", "test " + role)
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
        return session(signInReply(username, password, totp), password);
    }

    /** Signs in with a recovery code in place of a TOTP code, from a browser that names itself {@code userAgent}. */
    public static Session signInWithRecoveryCode(String username, String password, String recoveryCode,
            String userAgent) {
        return session(Api.live().post("/api/v1/session", Json.createObjectBuilder().add("username", username)
                .add("password", password).add("recoveryCode", recoveryCode).build().toString(), "User-Agent",
                userAgent), password);
    }

    private static Session session(Api.Reply reply, String password) {
        assertEquals(201, reply.status(), reply::toString);
        String cookie = HttpCookie.parse(reply.header("Set-Cookie")).get(0).getValue();
        String csrf = TestSecrets.remember(reply.json().getString("csrfToken"));
        TestSecrets.remember(cookie);
        TestSecrets.remember(password);
        Api api = Api.live().with("Cookie", "escrow_session=" + cookie).with("X-CSRF-Token", csrf);
        return new Session(api, reply.json().getString("id"), cookie, csrf, reply.json());
    }

    /** A department owner with a finished sign-in: password changed and MFA enrolled, so that they may reveal. */
    public static Session departmentOwner(String departmentId) {
        Session owner = departmentOwnerWithoutMfa(departmentId);
        enrolMfa(owner);
        return owner;
    }

    /** A department owner who changed the initial password but has not enrolled MFA (owners need not at sign-in). */
    public static Session departmentOwnerWithoutMfa(String departmentId) {
        return signedInPerson(departmentId, "DEPARTMENT_OWNER");
    }

    /**
     * A workforce member without any role, e.g. an account's content owner or backup moderator, signed in with the
     * password changed and MFA enrolled.
     */
    public static Session member(String departmentId) {
        Session member = memberWithoutMfa(departmentId);
        enrolMfa(member);
        return member;
    }

    /** A workforce member who changed the initial password but has not enrolled MFA. */
    public static Session memberWithoutMfa(String departmentId) {
        return signedInPerson(departmentId, null);
    }

    /** A signed-in DGIT admin person with MFA enrolled (a new member of the department, granted DGIT_ADMIN). */
    public static Session dgitAdmin(String departmentId) {
        return memberHolding(departmentId, "DGIT_ADMIN");
    }

    /** A signed-in member of HR's staff (HR_STAFF), with MFA enrolled as the role requires. */
    public static Session hrStaff(String departmentId) {
        return memberHolding(departmentId, "HR_STAFF");
    }

    /** A new member of the department with MFA enrolled, granted a role that takes no department. */
    private static Session memberHolding(String departmentId, String role) {
        Session member = member(departmentId);
        grant(member.personId(), role, null);
        return member;
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

    /**
     * As the run's DGIT admin person (password changed, MFA enrolled), made at first use: a person created with the
     * bootstrap token, given a sign-in and DGIT_ADMIN by rows in the database (only a DGIT admin person with MFA may
     * give either, and the bootstrap admin's first sign-in belongs to IdentityIT), who then signs in and enrols MFA
     * through the API. Its
     * session is reused, and replaced by a fresh sign-in (with the next unused TOTP step) before it could idle out.
     */
    public static synchronized Api admin() {
        Instant now = Instant.now();
        if (testAdmin == null) {
            testAdmin = createTestAdmin();
        } else if (testAdmin.lastUse.plus(ADMIN_SESSION_REUSE).isBefore(now)
                || testAdmin.session.api().get("/api/v1/session").status() != 200) {
            long step = Math.max(now.getEpochSecond() / TOTP_PERIOD, testAdmin.lastStep + 1);
            waitFor(step);
            testAdmin.session = signIn(testAdmin.username, testAdmin.password, code(testAdmin.seed, step));
            testAdmin.lastStep = step;
        }
        testAdmin.lastUse = Instant.now();
        return testAdmin.session.api();
    }

    /** The id of the run's DGIT admin person. */
    public static String adminId() {
        admin();
        return testAdmin.session.personId();
    }

    private static TestAdmin createTestAdmin() {
        String username = "test-admin-" + UUID.randomUUID().toString().substring(0, 8);
        String password = TestSecrets.remember("test-admin-" + UUID.randomUUID());
        Api.Reply department = Api.admin().post("/api/v1/departments", Json.createObjectBuilder()
                .add("code", "TADM" + UUID.randomUUID().toString().substring(0, 6)).add("name", "Test admins").build()
                .toString());
        assertEquals(201, department.status(), department::toString);
        TestSecrets.remember("initial-password-1");
        Api.Reply person = Api.admin().post("/api/v1/people", Json.createObjectBuilder()
                .add("employeeId", "E" + UUID.randomUUID().toString().substring(0, 8)).add("name", "Test admin")
                .add("email", username + "@example.edu").add("departmentId", department.json().getString("id"))
                .build().toString());
        assertEquals(201, person.status(), person::toString);
        String personId = person.json().getString("id");
        // The service's own hasher with the parameters the tests run with (OWASP's minimum), so nothing is rehashed.
        String hash = new PasswordHasher(PasswordHasher.MIN_MEMORY_KIB, PasswordHasher.MIN_ITERATIONS, 1)
                .hash("initial-password-1".toCharArray());
        try (Connection connection = TestDatabase.connect(); PreparedStatement signIn = connection.prepareStatement(
                "INSERT INTO sign_in (person_id, username, password_hash, password_change_required, mfa_state,"
                        + " enabled) VALUES (?, ?, ?, TRUE, 'NONE', TRUE)");
                PreparedStatement grant = connection.prepareStatement(
                "INSERT INTO role_grant (id, person_id, role, department_id, granted_by, granted_at)"
                        + " VALUES (UUID(), ?, 'DGIT_ADMIN', '', 'test-fixture', UTC_TIMESTAMP(6))")) {
            signIn.setString(1, personId);
            signIn.setString(2, username);
            signIn.setString(3, hash);
            signIn.executeUpdate();
            grant.setString(1, personId);
            grant.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot give the test admin a sign-in and DGIT_ADMIN", e);
        }
        Session session = signIn(username, "initial-password-1", null);
        Api.Reply changed = session.api().post("/api/v1/session/password", Json.createObjectBuilder()
                .add("currentPassword", "initial-password-1").add("newPassword", password).build().toString());
        assertEquals(204, changed.status(), changed::toString);
        EnrolledMfa mfa = enrolMfa(session);
        return new TestAdmin(username, password, mfa.seed(), mfa.step(), session);
    }

    /**
     * A confirmed TOTP enrolment: the seed, the time step whose code confirmed it (a step is accepted once) and the
     * recovery codes it showed.
     */
    public record EnrolledMfa(byte[] seed, long step, List<String> recoveryCodes) {
    }

    /** Enrols TOTP for a signed-in person and confirms it with a current code; remembers the seed and codes. */
    public static EnrolledMfa enrolMfa(Session session) {
        Api.Reply enrolment = session.api().post("/api/v1/session/mfa", "");
        assertEquals(201, enrolment.status(), enrolment::toString);
        byte[] seed = TestTotp.base32(TestSecrets.remember(enrolment.json().getString("secret")));
        long step = Instant.now().getEpochSecond() / TOTP_PERIOD;
        Api.Reply confirmed = session.api().post("/api/v1/session/mfa/confirmation",
                "{\"code\":\"" + code(seed, step) + "\"}");
        assertEquals(200, confirmed.status(), confirmed::toString);
        List<String> recoveryCodes = confirmed.json().getJsonArray("recoveryCodes")
                .getValuesAs(jakarta.json.JsonString.class).stream()
                .map(recovery -> TestSecrets.remember(recovery.getString())).toList();
        return new EnrolledMfa(seed, step, recoveryCodes);
    }

    private static String code(byte[] seed, long step) {
        try {
            return TestTotp.code(seed, Instant.ofEpochSecond(step * TOTP_PERIOD), "HmacSHA1", 6, TOTP_PERIOD);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitFor(long step) {
        long millis = step * TOTP_PERIOD * 1000L - System.currentTimeMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The id of the person's grant of {@code role}, as a DGIT admin sees it (to revoke it). */
    public static String grantId(String personId, String role) {
        return admin().get("/api/v1/people/" + personId).json().getJsonArray("roles")
                .getValuesAs(JsonObject.class).stream().filter(g -> g.getString("role").equals(role)).findFirst()
                .orElseThrow().getString("id");
    }

    /** A person's sign-in, for a client of its own: user name, password and the MFA enrolment (recovery codes). */
    public record SignInDetails(String personId, String username, String password, EnrolledMfa mfa) {
    }

    /** A department owner with a finished sign-in (password changed, MFA enrolled), and how to sign in as them. */
    public static SignInDetails departmentOwnerSignInDetails(String departmentId) {
        return signInDetails(departmentId, "DEPARTMENT_OWNER", departmentId);
    }

    /**
     * A person of the department with a finished sign-in (password changed, MFA enrolled) and {@code role} (none if
     * null; over {@code scope}, a department, where the role takes one), and how to sign in as them.
     */
    public static SignInDetails signInDetails(String departmentId, String role, String scope) {
        String username = (role == null ? "member-" : role.toLowerCase().replace('_', '-') + "-")
                + UUID.randomUUID().toString().substring(0, 8);
        String password = TestSecrets.remember("person-password-" + UUID.randomUUID());
        String personId = createPerson(departmentId, username, "initial-password-1");
        if (role != null) {
            grant(personId, role, scope);
        }
        Session first = signIn(username, "initial-password-1", null);
        Api.Reply changed = first.api().post("/api/v1/session/password", Json.createObjectBuilder()
                .add("currentPassword", "initial-password-1").add("newPassword", password).build().toString());
        assertEquals(204, changed.status(), changed::toString);
        return new SignInDetails(personId, username, password, enrolMfa(first));
    }
}
