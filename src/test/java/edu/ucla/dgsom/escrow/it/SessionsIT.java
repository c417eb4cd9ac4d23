package edu.ucla.dgsom.escrow.it;

import static edu.ucla.dgsom.escrow.it.PlatformIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.ucla.dgsom.escrow.security.Secrets;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console's view of its own session and of the person's other sessions: the CSRF token recovered after a reload,
 * the list of sessions with where they were opened, and ending one or all the others.
 */
@ExtendWith(LiveService.class)
class SessionsIT {

    private static List<JsonObject> sessions(People.Session session) {
        Api.Reply reply = session.api().get("/api/v1/sessions");
        assertEquals(200, reply.status(), reply::toString);
        return reply.parse().asJsonArray().getValuesAs(JsonObject.class);
    }

    private static JsonObject current(List<JsonObject> sessions) {
        List<JsonObject> current = sessions.stream().filter(s -> s.getBoolean("current")).toList();
        assertEquals(1, current.size(), sessions::toString);
        return current.get(0);
    }

    @Test
    void aReloadedPageRecoversTheCsrfTokenFromTheSessionCookieAlone() throws Exception {
        People.SignInDetails person = People.departmentOwnerSignInDetails(People.createDepartment("RELOAD"));
        People.Session session = People.signInWithRecoveryCode(person.username(), person.password(),
                person.mfa().recoveryCodes().get(0), "ConsoleTest/1.0");
        Api reloaded = Api.live().with("Cookie", "escrow_session=" + session.cookie());
        Api.Reply who = reloaded.get("/api/v1/session");
        assertEquals(200, who.status(), who::toString);
        assertEquals(session.csrf(), who.json().getString("csrfToken"));
        assertEquals(session.body().getString("expiresAt"), who.json().getString("expiresAt"));
        assertProblem(reloaded.delete("/api/v1/sessions/others"), 403, "csrf-rejected");
        assertEquals(204, reloaded.with("X-CSRF-Token", who.json().getString("csrfToken"))
                .delete("/api/v1/sessions/others").status());

        JsonObject token = Api.admin().get("/api/v1/session").json();
        assertFalse(token.containsKey("csrfToken"), token::toString);
        assertFalse(token.containsKey("expiresAt"), token::toString);
    }

    @Test
    void aPersonSeesTheirSessionsAndEndsOneOrAllTheOthersButNobodyElses() throws Exception {
        String department = People.createDepartment("SESSIONS");
        People.SignInDetails person = People.departmentOwnerSignInDetails(department);
        List<String> codes = person.mfa().recoveryCodes();
        People.Session laptop = People.signInWithRecoveryCode(person.username(), person.password(), codes.get(0),
                "ConsoleTest/1.0 (laptop)");
        People.Session phone = People.signInWithRecoveryCode(person.username(), person.password(), codes.get(1),
                "ConsoleTest/1.0 (phone) " + "x".repeat(1000));
        People.Session tablet = People.signInWithRecoveryCode(person.username(), person.password(), codes.get(2),
                "ConsoleTest/1.0 (tablet)");

        List<JsonObject> listed = sessions(laptop);
        assertTrue(listed.size() >= 3, listed::toString);
        JsonObject here = current(listed);
        assertEquals("ConsoleTest/1.0 (laptop)", here.getString("userAgent"));
        assertEquals("127.0.0.1", here.getString("clientAddress"));
        for (String field : List.of("id", "createdAt", "lastSeenAt", "expiresAt")) {
            assertTrue(here.containsKey(field), field);
        }
        JsonObject onPhone = current(sessions(phone));
        assertEquals(255, onPhone.getString("userAgent").length(), "cut to a sane length");
        for (People.Session session : List.of(laptop, phone, tablet)) {
            String body = laptop.api().get("/api/v1/sessions").body();
            assertFalse(body.contains(session.cookie()) || body.contains(Secrets.sha256Hex(session.cookie())),
                    "never the token or its digest");
        }

        People.Session stranger = People.departmentOwner(department);
        assertProblem(stranger.api().delete("/api/v1/sessions/" + onPhone.getString("id")), 404, "not-found");
        assertEquals(200, phone.api().get("/api/v1/session").status(), "another person's session stays");

        assertEquals(204, laptop.api().delete("/api/v1/sessions/" + onPhone.getString("id")).status());
        assertEquals(401, phone.api().get("/api/v1/session").status());
        assertEquals(200, tablet.api().get("/api/v1/session").status());
        assertProblem(laptop.api().delete("/api/v1/sessions/" + onPhone.getString("id")), 404, "not-found");
        assertEquals(1, TestDatabase.auditCount("action = 'SESSION_END' AND target_id = '" + person.personId()
                + "' AND outcome = 'ALLOWED'"));

        assertEquals(204, laptop.api().delete("/api/v1/sessions/others").status());
        assertEquals(401, tablet.api().get("/api/v1/session").status());
        assertEquals(200, laptop.api().get("/api/v1/session").status());
        assertEquals(List.of(here.getString("id")), sessions(laptop).stream().map(s -> s.getString("id")).toList());
        assertEquals(1, TestDatabase.auditCount("action = 'SESSION_END_OTHERS' AND target_id = '"
                + person.personId() + "'"));

        assertProblem(Api.admin().get("/api/v1/sessions"), 403, "forbidden");
        assertProblem(Api.admin().delete("/api/v1/sessions/others"), 403, "forbidden");
    }
}
