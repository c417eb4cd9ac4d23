package edu.ucla.dgsom.escrow.it;

import static edu.ucla.dgsom.escrow.it.PlatformIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import java.net.HttpCookie;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sign-in at the edge: client addresses behind a trusted proxy, the __Host- session cookie and HSTS, device cookies
 * against lock-out by strangers, 429 with Retry-After, and what failed attempts leave in the audit trail. The test
 * server trusts 127.0.0.1 as a proxy, so each test speaks for its own client address with X-Forwarded-For and the
 * throttles of one test do not reach another.
 */
@ExtendWith(LiveService.class)
class SignInHardeningIT {

    @Test
    void behind_a_trusted_proxy_with_tls_the_session_cookie_is_secure_and_host_prefixed_hsts_is_sent_and_the_client_address_is_audited()
            throws Exception {
        String username = "proxied-" + suffix();
        People.createPerson(People.createDepartment("PRX" + suffix()), username, "proxied-password-1");
        String requestId = "proxied-" + UUID.randomUUID();
        Api viaProxy = Api.live().with("X-Forwarded-For", "203.0.113.7").with("X-Forwarded-Proto", "https");
        Api.Reply signedIn = viaProxy.post("/api/v1/session", credentials(username, "proxied-password-1", null, null),
                "X-Request-Id", requestId);
        assertEquals(201, signedIn.status(), signedIn::toString);
        String setCookie = signedIn.header("Set-Cookie");
        assertTrue(setCookie.startsWith("__Host-escrow_session="), setCookie);
        assertTrue(setCookie.contains("Secure") && setCookie.contains("Path=/") && setCookie.contains("HttpOnly"),
                setCookie);
        assertFalse(setCookie.toLowerCase(Locale.ROOT).contains("domain="), setCookie);
        assertNotNull(cookie(signedIn, "__Host-escrow_device"), "the device cookie is __Host- too");
        assertTrue(signedIn.header("Strict-Transport-Security").startsWith("max-age="), signedIn::toString);
        assertEquals(1, TestDatabase.auditCount("request_id = '" + requestId + "' AND action = 'SIGN_IN' AND outcome = 'ALLOWED'"
                + " AND client_address = '203.0.113.7'"), "the audit trail names the client, not the proxy");

        String session = TestSecrets.remember(cookie(signedIn, "__Host-escrow_session"));
        assertEquals(200, viaProxy.get("/api/v1/session", "Cookie", "__Host-escrow_session=" + session).status());
        Api.Reply plain = Api.live().get("/api/v1/session", "Cookie", "__Host-escrow_session=" + session);
        assertProblem(plain, 401, "unauthenticated");
        assertNull(plain.header("Strict-Transport-Security"), "no HSTS over plain HTTP");
    }

    @Test
    void over_plain_http_on_the_loopback_the_session_cookie_works_as_before_without_hsts() {
        String username = "plain-" + suffix();
        People.createPerson(People.createDepartment("PLN" + suffix()), username, "plain-password-12");
        Api.Reply signedIn = People.signInReply(username, "plain-password-12", null);
        assertEquals(201, signedIn.status(), signedIn::toString);
        assertTrue(signedIn.header("Set-Cookie").startsWith("escrow_session="), signedIn::toString);
        assertFalse(signedIn.header("Set-Cookie").contains("Secure"), signedIn::toString);
        assertNull(signedIn.header("Strict-Transport-Security"));
    }

    @Test
    void an_address_locked_behind_the_proxy_does_not_lock_out_the_other_clients_behind_the_same_proxy() {
        String username = "behind-" + suffix();
        People.createPerson(People.createDepartment("BHD" + suffix()), username, "behind-password-1");
        Api attacker = Api.live().with("X-Forwarded-For", randomAddress());
        for (int i = 0; i < 50; i++) {
            assertProblem(attacker.post("/api/v1/session", credentials("made-up-" + suffix(), "guess-" + i, null,
                    null)), 401, "invalid-credentials");
        }
        assertProblem(attacker.post("/api/v1/session", credentials(username, "behind-password-1", null, null)), 429,
                "too-many-requests");
        // Every request comes from the proxy's address; the lock is the attacker's client address's alone.
        Api.Reply colleague = Api.live().with("X-Forwarded-For", randomAddress()).post("/api/v1/session",
                credentials(username, "behind-password-1", null, null));
        assertEquals(201, colleague.status(), colleague::toString);
        TestSecrets.remember(cookie(colleague, "escrow_session"));
        TestSecrets.remember(colleague.json().getString("csrfToken"));
    }

    @Test
    void an_attackers_burst_from_the_admins_own_address_does_not_stop_the_admin_who_presents_the_device_cookie()
            throws Exception {
        String address = randomAddress();
        Api from = Api.live().with("X-Forwarded-For", address);
        Admin admin = dgitAdminWithMfa(from);

        // The attacker, from the same address: wrong passwords for the admin, then made-up names, until both the
        // admin's name (5 failures) and the address (50) are locked.
        for (int i = 0; i < 45; i++) {
            assertProblem(from.post("/api/v1/session", credentials("made-up-" + suffix(), "guess-" + i, null, null)),
                    401, "invalid-credentials");
        }
        for (int i = 0; i < 5; i++) {
            assertProblem(from.post("/api/v1/session", credentials(admin.username, "guess-" + i, null, null)), 401,
                    "invalid-credentials");
        }
        Api.Reply attacker = from.post("/api/v1/session", credentials("made-up-" + suffix(), "guess", null, null));
        assertProblem(attacker, 429, "too-many-requests");
        long retryAfter = Long.parseLong(attacker.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= LiveService.LOCK_SECONDS, attacker::toString);
        assertProblem(from.post("/api/v1/session", credentials(admin.username, "guess", null, null)), 429,
                "too-many-requests");
        assertProblem(from.post("/api/v1/session", credentials(admin.username, admin.password, null,
                admin.recoveryCodes.get(0))), 429, "too-many-requests");

        Api.Reply signedIn = from.post("/api/v1/session", credentials(admin.username, admin.password, null,
                admin.recoveryCodes.get(1)), "Cookie", "escrow_device=" + admin.device);
        assertEquals(201, signedIn.status(), "the admin's own browser gets through: " + signedIn);
        assertNotNull(TestSecrets.remember(cookie(signedIn, "escrow_device")), "a fresh device cookie");
        TestSecrets.remember(cookie(signedIn, "escrow_session"));
        TestSecrets.remember(signedIn.json().getString("csrfToken"));
    }

    @Test
    void recovery_codes_carry_125_bits_and_are_stored_as_salted_digests() throws Exception {
        Admin admin = dgitAdminWithMfa(Api.live().with("X-Forwarded-For", randomAddress()));
        for (String code : admin.recoveryCodes) {
            assertTrue(code.matches("[A-HJ-NP-Z2-9]{5}(-[A-HJ-NP-Z2-9]{5}){4}"), code);
            assertEquals(0, TestDatabase.count("SELECT COUNT(*) FROM recovery_code WHERE code_hash = '"
                    + sha256(code) + "'"), "not the plain SHA-256 of the code");
        }
        assertEquals(10, TestDatabase.count("SELECT COUNT(*) FROM recovery_code WHERE person_id = '" + admin.personId
                + "' AND code_hash LIKE 's1$%'"));
    }

    @Test
    void a_name_that_belongs_to_nobody_is_not_written_to_the_audit_trail_but_a_real_persons_is() throws Exception {
        String typed = TestSecrets.remember("Typed-My-Password-Here-" + suffix());
        String requestId = "typed-" + UUID.randomUUID();
        Api from = Api.live().with("X-Forwarded-For", randomAddress());
        assertProblem(from.post("/api/v1/session", credentials(typed, "whatever-1", null, null),
                "X-Request-Id", requestId), 401, "invalid-credentials");
        // Only counted per address and window (below), never an entry of its own.
        assertEquals(0, TestDatabase.auditCount("request_id = '" + requestId + "'"));
        assertEquals(0, TestDatabase.auditCount("LOWER(CONCAT(COALESCE(actor_name, ''), COALESCE(details, ''))) LIKE '%"
                + typed.toLowerCase(Locale.ROOT) + "%'"));
        assertFalse(TestDatabase.dump().toLowerCase(Locale.ROOT).contains(typed.toLowerCase(Locale.ROOT)),
                "not in a throttle key either");

        String username = "real-" + suffix();
        People.createPerson(People.createDepartment("REAL" + suffix()), username, "real-password-12");
        String realRequest = "real-" + UUID.randomUUID();
        from.post("/api/v1/session", credentials(username, "wrong-password-1", null, null), "X-Request-Id",
                realRequest);
        assertEquals(1, TestDatabase.auditCount("request_id = '" + realRequest + "' AND action = 'SIGN_IN' AND outcome = 'FAILED'"
                + " AND actor_name = '" + username + "'"));
    }

    @Test
    void a_burst_of_sign_ins_for_names_of_nobody_adds_a_few_audit_entries_whose_counts_add_up_to_the_burst()
            throws Exception {
        int burst = 200;
        String address = randomAddress();
        Api from = Api.live().with("X-Forwarded-For", address);
        long started = System.nanoTime();
        for (int i = 0; i < burst; i++) {
            int status = from.post("/api/v1/session", credentials("nobody-" + suffix(), "guess-" + i, null, null))
                    .status();
            assertTrue(status == 401 || status == 429, "refused: " + status);
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L + 1;
        String here = "client_address = '" + address + "'";
        String columns = "action, actor_type, client_address, details";
        String counted = "SELECT COALESCE(SUM(JSON_VALUE(details, '$.refusals')), 0) FROM (SELECT " + columns
                + " FROM escrow_audit.audit_pending UNION ALL SELECT " + columns + " FROM escrow_audit.audit_event) a"
                + " WHERE " + here + " AND action = 'SIGN_IN' AND actor_type = 'ANONYMOUS'";
        Instant deadline = Instant.now().plusSeconds(LiveService.ANONYMOUS_REFUSAL_WINDOW_SECONDS * 3L + 20);
        long refusals = 0;
        while (refusals < burst && Instant.now().isBefore(deadline)) {
            Thread.sleep(1000);
            refusals = TestDatabase.count(counted);
        }
        assertEquals(burst, refusals, "every refusal counted");
        assertEquals(0, TestDatabase.auditCount(here + " AND action = 'SIGN_IN' AND actor_type <> 'ANONYMOUS'"),
                "no entry of its own");
        // One entry per window and kind (failed, throttled), and one per lock of the address.
        long windows = seconds / LiveService.ANONYMOUS_REFUSAL_WINDOW_SECONDS + 2;
        long signIns = TestDatabase.auditCount(here + " AND action = 'SIGN_IN'");
        long locks = TestDatabase.auditCount(here + " AND action = 'SIGN_IN_LOCKED'");
        System.out.printf("sign-in burst of %d in %d s: %d SIGN_IN and %d SIGN_IN_LOCKED entries%n", burst, seconds,
                signIns, locks);
        assertTrue(signIns <= 2 * windows && signIns <= burst / 2, signIns + " entries for a burst of " + burst
                + " in " + seconds + " s");
        assertTrue(locks <= seconds / LiveService.LOCK_SECONDS + 2, locks + " locks in " + seconds + " s");
        assertEquals(signIns + locks, TestDatabase.auditCount(here), "nothing else");
    }

    @Test
    void failed_password_changes_and_mfa_confirmations_are_audited_and_password_changes_are_throttled()
            throws Exception {
        People.Session member = People.memberWithoutMfa(People.createDepartment("PWC" + suffix()));
        String wrong = "{\"currentPassword\":\"wrong-password-9\",\"newPassword\":\"another-password-33\"}";
        for (int i = 0; i < 5; i++) {
            assertProblem(member.api().post("/api/v1/session/password", wrong), 403, "forbidden");
        }
        Api.Reply throttled = member.api().post("/api/v1/session/password",
                "{\"currentPassword\":\"owner-password-22\",\"newPassword\":\"another-password-33\"}");
        assertProblem(throttled, 429, "too-many-requests");
        assertNotNull(throttled.header("Retry-After"));
        assertEquals(5, TestDatabase.auditCount("target_id = '" + member.personId() + "' AND action = 'PASSWORD_CHANGE'"
                + " AND outcome = 'FAILED'"));

        assertEquals(201, member.api().post("/api/v1/session/mfa", "").status());
        assertProblem(member.api().post("/api/v1/session/mfa/confirmation", "{\"code\":\"000000\"}"), 400,
                "validation-failed");
        assertEquals(1, TestDatabase.auditCount("target_id = '" + member.personId() + "' AND action = 'MFA_ENROLMENT_CONFIRM'"
                + " AND outcome = 'FAILED'"));
    }

    @Test
    void strangers_guessing_at_a_persons_username_do_not_stop_them_changing_their_password() {
        People.Session member = People.memberWithoutMfa(People.createDepartment("PWG" + suffix()));
        String username = People.admin().get("/api/v1/people/" + member.personId()).json().getString("username");
        Api stranger = Api.live().with("X-Forwarded-For", randomAddress());
        for (int i = 0; i < 6; i++) {
            stranger.post("/api/v1/session", credentials(username, "guess-" + i, null, null));
        }
        assertProblem(stranger.post("/api/v1/session", credentials(username, "guess", null, null)), 429,
                "too-many-requests");
        String replacement = TestSecrets.remember("after-guessing-" + UUID.randomUUID());
        Api.Reply changed = member.api().post("/api/v1/session/password", Json.createObjectBuilder()
                .add("currentPassword", "owner-password-22").add("newPassword", replacement).build().toString());
        assertEquals(204, changed.status(), changed::toString);
    }

    @Test
    void a_recovery_code_signs_in_once_even_when_a_trusted_browser_and_another_race_with_it() throws Exception {
        Admin admin = dgitAdminWithMfa(Api.live().with("X-Forwarded-For", randomAddress()));
        String code = admin.recoveryCodes.get(0);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Api.Reply>> attempts = new ArrayList<>();
        // The test holds the sign-in row, so that both attempts are under way before either may finish.
        try (Connection connection = TestDatabase.connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement lock = connection.prepareStatement(
                    "SELECT person_id FROM sign_in WHERE person_id = ? FOR UPDATE")) {
                lock.setString(1, admin.personId);
                lock.executeQuery().close();
                attempts.add(pool.submit(() -> Api.live().with("X-Forwarded-For", randomAddress()).post(
                        "/api/v1/session", credentials(admin.username, admin.password, null, code), "Cookie",
                        "escrow_device=" + admin.device)));
                attempts.add(pool.submit(() -> Api.live().with("X-Forwarded-For", randomAddress()).post(
                        "/api/v1/session", credentials(admin.username, admin.password, null, code))));
                Instant deadline = Instant.now().plusSeconds(30);
                while (TestDatabase.count("SELECT COUNT(*) FROM information_schema.INNODB_TRX"
                        + " WHERE trx_state = 'LOCK WAIT'") < 2 && Instant.now().isBefore(deadline)) {
                    Thread.sleep(50);
                }
            } finally {
                connection.rollback();
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Api.Reply> attempt : attempts) {
                Api.Reply reply = attempt.get();
                statuses.add(reply.status());
                if (reply.status() == 201) {
                    TestSecrets.remember(cookie(reply, "escrow_session"));
                    TestSecrets.remember(cookie(reply, "escrow_device"));
                    TestSecrets.remember(reply.json().getString("csrfToken"));
                }
            }
            statuses.sort(null);
            assertEquals(List.of(201, 401), statuses, "one sign-in with the code, the other refused");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_throttled_attempt_is_refused_before_any_password_is_hashed() {
        Api from = Api.live().with("X-Forwarded-For", randomAddress());
        String name = "hammered-" + suffix();
        for (int i = 0; i < 5; i++) {
            from.post("/api/v1/session", credentials(name, "guess-" + i, null, null));
        }
        List<Long> throttled = new ArrayList<>();
        List<Long> hashed = new ArrayList<>();
        // All throttled attempts first, while the lock lasts (a few seconds in the tests), then the hashed ones.
        for (int i = 0; i < 7; i++) {
            long started = System.nanoTime();
            assertProblem(from.post("/api/v1/session", credentials(name, "guess", null, null)), 429,
                    "too-many-requests");
            throttled.add(System.nanoTime() - started);
        }
        for (int i = 0; i < 7; i++) {
            long started = System.nanoTime();
            assertProblem(from.post("/api/v1/session", credentials("fresh-" + suffix(), "guess", null, null)), 401,
                    "invalid-credentials");
            hashed.add(System.nanoTime() - started);
        }
        long throttledMedian = median(throttled);
        long hashedMedian = median(hashed);
        System.out.printf("sign-in median: throttled %d us, hashed %d us%n", throttledMedian / 1000,
                hashedMedian / 1000);
        assertTrue(throttledMedian * 2 < hashedMedian, "a throttled attempt costs no Argon2: "
                + throttledMedian / 1000 + " us against " + hashedMedian / 1000 + " us");
    }

    @Test
    void stale_throttle_rows_are_purged_on_a_schedule() throws Exception {
        String name = "purged-" + suffix();
        Api.live().with("X-Forwarded-For", randomAddress()).post("/api/v1/session",
                credentials(name, "guess-1", null, null));
        String row = "SELECT COUNT(*) FROM sign_in_throttle WHERE throttle_key = 'user:" + sha256(name.toLowerCase(Locale.ROOT))
                + "'";
        assertEquals(1, TestDatabase.count(row));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (TestDatabase.count(row) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertEquals(0, TestDatabase.count(row), "purged once its failures are forgotten");
    }

    @Test
    void a_hash_with_old_parameters_or_over_padded_bytes_is_replaced_at_the_next_sign_in() throws Exception {
        String department = People.createDepartment("RHS" + suffix());
        String weak = "weak-" + suffix();
        People.createPerson(department, weak, "weak-password-12");
        TestDatabase.update("UPDATE sign_in SET password_hash = '" + argon2("weak-password-12"
                .getBytes(StandardCharsets.UTF_8), 8192, 1) + "' WHERE username = '" + weak + "'");
        String padded = "padded-" + suffix();
        People.createPerson(department, padded, "padded-password-1234");
        byte[] paddedBytes = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap("padded-password-1234"
                .toCharArray())).array();
        TestDatabase.update("UPDATE sign_in SET password_hash = 'legacy-padded:" + argon2(paddedBytes, 19456, 2)
                + "' WHERE username = '" + padded + "'");

        for (String[] person : new String[][] {{weak, "weak-password-12"}, {padded, "padded-password-1234"}}) {
            assertEquals(201, Api.live().with("X-Forwarded-For", randomAddress()).post("/api/v1/session",
                    credentials(person[0], person[1], null, null)).status(), person[0]);
            assertEquals(1, TestDatabase.count("SELECT COUNT(*) FROM sign_in WHERE username = '" + person[0]
                    + "' AND password_hash LIKE '$argon2id$v=19$m=19456,t=2,p=1$%'"), "rehashed: " + person[0]);
            assertEquals(201, Api.live().with("X-Forwarded-For", randomAddress()).post("/api/v1/session",
                    credentials(person[0], person[1], null, null)).status(), "the new hash verifies: " + person[0]);
        }
    }

    /** A DGIT admin who signed in from {@code from}, changed the password and enrolled MFA. */
    private record Admin(String personId, String username, String password, String device, List<String> recoveryCodes) {
    }

    private static Admin dgitAdminWithMfa(Api from) throws Exception {
        String username = "guard-" + suffix();
        String personId = People.createPerson(People.createDepartment("GRD" + suffix()), username,
                "guard-initial-pw-1");
        People.grant(personId, "DGIT_ADMIN", null);
        Api.Reply first = from.post("/api/v1/session", credentials(username, "guard-initial-pw-1", null, null));
        assertEquals(201, first.status(), first::toString);
        String device = TestSecrets.remember(cookie(first, "escrow_device"));
        Api session = from.with("Cookie", "escrow_session=" + TestSecrets.remember(cookie(first, "escrow_session")))
                .with("X-CSRF-Token", TestSecrets.remember(first.json().getString("csrfToken")));
        String password = TestSecrets.remember("guard-password-" + UUID.randomUUID());
        assertEquals(204, session.post("/api/v1/session/password", Json.createObjectBuilder()
                .add("currentPassword", "guard-initial-pw-1").add("newPassword", password).build().toString())
                .status());
        Api.Reply enrolment = session.post("/api/v1/session/mfa", "");
        assertEquals(201, enrolment.status(), enrolment::toString);
        byte[] seed = TestTotp.base32(TestSecrets.remember(enrolment.json().getString("secret")));
        Api.Reply confirmed = session.post("/api/v1/session/mfa/confirmation",
                "{\"code\":\"" + TestTotp.code(seed, Instant.now(), "HmacSHA1", 6, 30) + "\"}");
        assertEquals(200, confirmed.status(), confirmed::toString);
        JsonArray codes = confirmed.json().getJsonArray("recoveryCodes");
        List<String> recoveryCodes = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            recoveryCodes.add(TestSecrets.remember(codes.getString(i)));
        }
        return new Admin(personId, username, password, device, recoveryCodes);
    }

    private static String credentials(String username, String password, String totp, String recoveryCode) {
        var body = Json.createObjectBuilder().add("username", username).add("password", password);
        if (totp != null) {
            body.add("totpCode", totp);
        }
        if (recoveryCode != null) {
            body.add("recoveryCode", recoveryCode);
        }
        return body.build().toString();
    }

    /** The value of the named cookie among the reply's Set-Cookie headers, or null. */
    private static String cookie(Api.Reply reply, String name) {
        return reply.response().headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith(name + "="))
                .map(h -> HttpCookie.parse(h).get(0).getValue()).findFirst().orElse(null);
    }

    private static String argon2(byte[] password, int memoryKib, int iterations) {
        byte[] salt = new byte[16];
        ThreadLocalRandom.current().nextBytes(salt);
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(memoryKib)
                .withIterations(iterations).withParallelism(1).withSalt(salt).build());
        byte[] hash = new byte[32];
        generator.generateBytes(password, hash);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=1$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(hash);
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    private static String randomAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198.51." + random.nextInt(100, 200) + "." + random.nextInt(1, 255);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT);
    }
}
