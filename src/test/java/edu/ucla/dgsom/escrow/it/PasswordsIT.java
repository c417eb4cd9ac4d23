package edu.ucla.dgsom.escrow.it;

import static edu.ucla.dgsom.escrow.it.CredentialsIT.assertField;
import static edu.ucla.dgsom.escrow.it.PlatformIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Password generation: within the platform's limits, every character class, no look-alikes, never the same. */
@ExtendWith(LiveService.class)
class PasswordsIT {

    @Test
    void generatedPasswordsFollowThePlatformPolicy() {
        Api person = People.departmentOwner(People.createDepartment("PWGEN")).api();
        String previous = null;
        for (int i = 0; i < 20; i++) {
            Api.Reply reply = person.post("/api/v1/passwords", "{\"platform\":\"TIKTOK\"}");
            assertEquals(200, reply.status(), reply::toString);
            assertEquals("no-store", reply.header("Cache-Control"));
            JsonObject body = reply.json();
            String password = TestSecrets.remember(body.getString("password"));
            assertEquals(20, password.length(), "TikTok accepts at most 20 characters");
            assertTrue(password.chars().anyMatch(Character::isUpperCase), password);
            assertTrue(password.chars().anyMatch(Character::isLowerCase), password);
            assertTrue(password.chars().anyMatch(Character::isDigit), password);
            assertTrue(password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)), password);
            assertTrue(password.chars().noneMatch(c -> "0Oo1lI|`'\"".indexOf(c) >= 0), password);
            assertNotEquals(previous, password);
            previous = password;
        }
        String plain = person.post("/api/v1/passwords", "{\"platform\":\"FACEBOOK\",\"length\":40,\"symbols\":false}")
                .json().getString("password");
        assertEquals(40, plain.length());
        assertTrue(plain.chars().allMatch(Character::isLetterOrDigit), plain);
    }

    @Test
    void theCallerChoosesTheCharacterClassesAndEachChosenOneAppears() {
        Api person = People.departmentOwner(People.createDepartment("PWCLS")).api();
        for (int i = 0; i < 20; i++) {
            Api.Reply reply = person.post("/api/v1/passwords",
                    "{\"platform\":\"SHARECARE\",\"length\":16,\"classes\":[\"DIGITS\",\"SYMBOLS\"]}");
            assertEquals(200, reply.status(), reply::toString);
            String password = TestSecrets.remember(reply.json().getString("password"));
            assertTrue(password.chars().anyMatch(Character::isDigit), password);
            assertTrue(password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)), password);
            assertTrue(password.chars().noneMatch(Character::isLetter), password);
            assertTrue(password.chars().allMatch(c -> c > ' ' && c < 127), "printable ASCII: " + password);
            assertEquals("[\"DIGITS\",\"SYMBOLS\"]", reply.json().getJsonArray("classes").toString());
            assertTrue(reply.json().getBoolean("symbols"));
        }
        JsonObject fallback = person.post("/api/v1/passwords", "{\"platform\":\"X\",\"symbols\":false}").json();
        TestSecrets.remember(fallback.getString("password"));
        assertEquals("[\"LOWERCASE\",\"UPPERCASE\",\"DIGITS\"]", fallback.getJsonArray("classes").toString());
        assertField(person.post("/api/v1/passwords", "{\"platform\":\"X\",\"classes\":[]}"), 400, "classes");
        assertField(person.post("/api/v1/passwords", "{\"platform\":\"X\",\"classes\":[\"SYMBOLS\"],"
                + "\"symbols\":false}"), 400, "symbols");
        assertProblem(person.post("/api/v1/passwords", "{\"platform\":\"X\",\"classes\":[\"EMOJI\"]}"), 400,
                "malformed-request");
    }

    @Test
    void badRequestsAreNamedAndSystemsAreRefused() {
        Api person = People.departmentOwner(People.createDepartment("PWBAD")).api();
        assertProblem(person.post("/api/v1/passwords", "{\"platform\":\"MYSPACE\"}"), 400, "malformed-request");
        Api.Reply tooLong = person.post("/api/v1/passwords", "{\"platform\":\"TIKTOK\",\"length\":21}");
        assertProblem(tooLong, 400, "validation-failed");
        assertEquals("length", tooLong.json().getJsonArray("errors").getJsonObject(0).getString("field"));
        assertProblem(person.post("/api/v1/passwords", "{\"platform\":\"X\",\"length\":8}"), 400, "validation-failed");
        assertProblem(Api.live().bearer(People.token("HR_INTEGRATION")).post("/api/v1/passwords",
                "{\"platform\":\"X\"}"), 403, "forbidden");
    }
}
