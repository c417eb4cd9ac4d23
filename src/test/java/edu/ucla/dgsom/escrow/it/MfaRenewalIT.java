package edu.ucla.dgsom.escrow.it;

import static edu.ucla.dgsom.escrow.it.CredentialsIT.assertField;
import static edu.ucla.dgsom.escrow.it.PlatformIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonString;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A signed-in person renews their second factor: new recovery codes, and a new authenticator that replaces the
 * enrolled one only once confirmed; both only with a current code of the enrolled authenticator, counted on a
 * throttle of the person's own.
 */
@ExtendWith(LiveService.class)
class MfaRenewalIT {

    private static final int PERIOD = 30;

    private static String code(byte[] seed, long step) throws Exception {
        return TestTotp.code(seed, Instant.ofEpochSecond(step * PERIOD), "HmacSHA1", 6, PERIOD);
    }

    private static String body(String code) {
        return Json.createObjectBuilder().add("code", code).build().toString();
    }

    private static List<String> codes(Api.Reply reply) {
        assertEquals(200, reply.status(), reply::toString);
        List<String> codes = reply.json().getJsonArray("recoveryCodes").getValuesAs(JsonString.class).stream()
                .map(code -> TestSecrets.remember(code.getString())).toList();
        assertEquals(10, codes.size());
        return codes;
    }

    private static int signInStatus(People.SignInDetails person, String field, String code) {
        return Api.live().post("/api/v1/session", Json.createObjectBuilder().add("username", person.username())
                .add("password", person.password()).add(field, code).build().toString()).status();
    }

    /** Sleeps until time step {@code step} has begun. */
    private static void awaitStep(long step) throws InterruptedException {
        long millis = step * PERIOD * 1000L - System.currentTimeMillis();
        if (millis > 0) {
            Thread.sleep(millis + 50);
        }
    }

    @Test
    void newRecoveryCodesAndANewAuthenticatorNeedACodeOfTheEnrolledOneAndReplaceWhatCameBefore() throws Exception {
        People.SignInDetails person = People.departmentOwnerSignInDetails(People.createDepartment("MFANEW"));
        byte[] seed = person.mfa().seed();
        long enrolled = person.mfa().step();
        List<String> first = person.mfa().recoveryCodes();
        Api api = People.signInWithRecoveryCode(person.username(), person.password(), first.get(0), "MfaIT").api();

        assertField(api.post("/api/v1/session/mfa/recovery-codes", "{}"), 400, "code");
        assertProblem(api.post("/api/v1/session/mfa/recovery-codes", body("12345")), 400, "validation-failed");
        assertProblem(api.post("/api/v1/session/mfa/recovery-codes", body(code(seed, enrolled - 5))), 403,
                "forbidden");
        assertEquals(1, TestDatabase.auditCount("action = 'MFA_RECOVERY_CODES' AND outcome = 'FAILED' AND target_id"
                + " = '" + person.personId() + "'"));
        assertProblem(api.post("/api/v1/session/mfa/recovery-codes", body(code(seed, enrolled))), 403, "forbidden");
        List<String> second = codes(api.post("/api/v1/session/mfa/recovery-codes", body(code(seed, enrolled + 1))));
        assertEquals(401, signInStatus(person, "recoveryCode", first.get(1)), "the earlier codes stopped working");
        assertEquals(201, signInStatus(person, "recoveryCode", second.get(0)));
        assertEquals(1, TestDatabase.auditCount("action = 'MFA_RECOVERY_CODES' AND outcome = 'ALLOWED' AND"
                + " target_id = '" + person.personId() + "'"));

        assertField(api.post("/api/v1/session/mfa", ""), 400, "code");
        assertField(api.post("/api/v1/session/mfa", "{}"), 400, "code");
        assertProblem(api.post("/api/v1/session/mfa", body(code(seed, enrolled - 5))), 403, "forbidden");
        awaitStep(enrolled + 1);
        Api.Reply started = api.post("/api/v1/session/mfa", body(code(seed, enrolled + 2)));
        assertEquals(201, started.status(), started::toString);
        byte[] newSeed = TestTotp.base32(TestSecrets.remember(started.json().getString("secret")));
        assertEquals(201, signInStatus(person, "recoveryCode", second.get(1)),
                "the enrolled factor works until the new one is confirmed");
        long now = Instant.now().getEpochSecond() / PERIOD;
        assertField(api.post("/api/v1/session/mfa/confirmation", body(code(seed, now))), 400, "code");
        List<String> third = codes(api.post("/api/v1/session/mfa/confirmation", body(code(newSeed, now))));
        assertEquals(401, signInStatus(person, "recoveryCode", second.get(2)));
        assertEquals(201, signInStatus(person, "recoveryCode", third.get(0)));
        assertEquals(1, TestDatabase.auditCount("action = 'MFA_ENROLMENT_START' AND outcome = 'ALLOWED' AND"
                + " target_id = '" + person.personId() + "' AND details LIKE '%replaces%'"));

        long next = Math.max(enrolled + 3, now + 1);
        awaitStep(next - 1);
        assertEquals(401, signInStatus(person, "totpCode", code(seed, next)), "the old authenticator is gone");
        assertEquals(201, signInStatus(person, "totpCode", code(newSeed, next)));
    }

    @Test
    void wrongCodesLockThePersonsRenewalsForAWhile() throws Exception {
        People.SignInDetails person = People.departmentOwnerSignInDetails(People.createDepartment("MFALOCK"));
        Api api = People.signInWithRecoveryCode(person.username(), person.password(),
                person.mfa().recoveryCodes().get(0), "MfaIT").api();
        String wrong = body(code(person.mfa().seed(), person.mfa().step() - 10));
        for (int i = 0; i < 5; i++) {
            assertProblem(api.post("/api/v1/session/mfa/recovery-codes", wrong), 403, "forbidden");
        }
        Api.Reply locked = api.post("/api/v1/session/mfa/recovery-codes",
                body(code(person.mfa().seed(), person.mfa().step() + 1)));
        assertProblem(locked, 429, "too-many-requests");
        assertNotNull(locked.header("Retry-After"));
        assertProblem(api.post("/api/v1/session/mfa", body(code(person.mfa().seed(), person.mfa().step() + 1))),
                429, "too-many-requests");
        assertTrue(TestDatabase.auditCount("action = 'SIGN_IN_LOCKED' AND target_id = '" + person.personId()
                + "'") >= 1);
    }
}
