package edu.ucla.dgsom.escrow.it;

import static edu.ucla.dgsom.escrow.it.PlatformIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The escrow core over HTTP: every field stored and revealed back exactly, versions and who may reveal which, the
 * race between two rotations, TOTP codes, reasons and refusals, and that each of them is in the audit trail.
 */
@ExtendWith(LiveService.class)
class CredentialsIT {

    /** A department with an owner, an account with a content owner and a backup moderator (no roles of their own). */
    record Fixture(String departmentId, People.Session owner, People.Session contentOwner, People.Session moderator,
            String accountId) {

        static Fixture create(String code) {
            String department = People.createDepartment(code + "-" + UUID.randomUUID().toString().substring(0, 4));
            People.Session owner = People.departmentOwner(department);
            People.Session contentOwner = People.member(department);
            People.Session moderator = People.member(department);
            Api.Reply created = owner.api().post("/api/v1/accounts", Json.createObjectBuilder()
                    .add("platform", "instagram").add("handle", "@dgsom-" + UUID.randomUUID())
                    .add("profileUrl", "https://www.instagram.com/dgsom").add("displayName", "DGSOM " + code)
                    .add("departmentId", department).add("contentOwnerId", contentOwner.personId())
                    .add("backupModeratorId", moderator.personId()).build().toString());
            assertEquals(201, created.status(), created::toString);
            return new Fixture(department, owner, contentOwner, moderator, created.json().getString("id"));
        }

        String path(String rest) {
            return "/api/v1/accounts/" + accountId + "/credentials" + rest;
        }
    }

    static Api.Reply rotate(Api api, Fixture fixture, int replacing, JsonObjectBuilder change) {
        return api.send("PUT", fixture.path(""), change.build().toString(), "Content-Type", "application/json",
                "If-Match", "\"" + replacing + "\"");
    }

    static Api.Reply reveal(Api api, Fixture fixture, String reason) {
        return api.post(fixture.path("/reveal"), Json.createObjectBuilder().add("reason", reason).build().toString());
    }

    @Test
    void everyFieldIsRevealedBackExactlyIncludingUnicode() {
        Fixture fixture = Fixture.create("ROUND");
        String password = TestSecrets.remember("Pässwörd-日本語-🔑-" + UUID.randomUUID());
        String login = TestSecrets.remember("social.login+" + UUID.randomUUID() + "@example.edu");
        String seed = TestSecrets.remember("JBSWY3DPEHPK3PXPJBSWY3DP" + "GEZDGNBV");
        String code1 = TestSecrets.remember("rc-" + UUID.randomUUID());
        String code2 = TestSecrets.remember("rc-" + UUID.randomUUID());
        String recoveryEmail = TestSecrets.remember("recovery-" + UUID.randomUUID().toString().substring(0, 8)
                + "@example.org");
        String answer = TestSecrets.remember("Ñandú " + UUID.randomUUID());
        String notes = TestSecrets.remember("Line one\nLínea dos\t— 三行目 " + UUID.randomUUID());
        Api.Reply stored = rotate(fixture.owner().api(), fixture, 0, Json.createObjectBuilder()
                .add("reason", "Escrow the account's credentials at registration")
                .add("loginIdentifier", login).add("password", password)
                .add("totp", Json.createObjectBuilder().add("uri", "otpauth://totp/DGSOM:news?secret=" + seed
                        + "&issuer=DGSOM&algorithm=SHA256&digits=8&period=60"))
                .add("recoveryCodes", Json.createArrayBuilder().add(code1).add(code2))
                .add("recoveryEmail", recoveryEmail).add("recoveryPhone", TestSecrets.remember("+1 310 555 0199"))
                .add("securityQuestions", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("question", "First pet?").add("answer", answer)))
                .add("notes", notes));
        assertEquals(201, stored.status(), stored::toString);
        assertEquals("\"1\"", stored.header("ETag"));
        assertTrue(stored.header("Location").endsWith("/credentials/versions/1"), stored.header("Location"));
        assertFalse(stored.body().contains(password), "a rotation does not echo secrets");

        for (Api who : List.of(People.admin(), fixture.owner().api(), fixture.contentOwner().api(),
                fixture.moderator().api())) {
            Api.Reply revealed = reveal(who, fixture, "Checking the escrow round trip");
            assertEquals(200, revealed.status(), revealed::toString);
            assertEquals("no-store", revealed.header("Cache-Control"));
            JsonObject body = revealed.json();
            assertEquals(1, body.getInt("version"));
            assertEquals(login, body.getString("loginIdentifier"));
            assertEquals(password, body.getString("password"));
            assertEquals(seed, body.getJsonObject("totp").getString("secret"));
            assertEquals("SHA256", body.getJsonObject("totp").getString("algorithm"));
            assertEquals(8, body.getJsonObject("totp").getInt("digits"));
            assertEquals(60, body.getJsonObject("totp").getInt("period"));
            assertEquals(code1, body.getJsonArray("recoveryCodes").getJsonObject(0).getString("code"));
            assertEquals(code2, body.getJsonArray("recoveryCodes").getJsonObject(1).getString("code"));
            assertEquals(recoveryEmail, body.getString("recoveryEmail"));
            assertEquals("+1 310 555 0199", body.getString("recoveryPhone"));
            assertEquals(answer, body.getJsonArray("securityQuestions").getJsonObject(0).getString("answer"));
            assertEquals(notes, body.getString("notes"));
        }
        Api.Reply onlyPassword = fixture.contentOwner().api().post(fixture.path("/reveal"),
                "{\"reason\":\"Only the password, please\",\"fields\":[\"password\"]}");
        assertEquals(password, onlyPassword.json().getString("password"));
        assertFalse(onlyPassword.json().containsKey("loginIdentifier"));

        Api.Reply marked = rotate(fixture.moderator().api(), fixture, 1, Json.createObjectBuilder()
                .add("reason", "Used the second recovery code to get back in")
                .add("recoveryCodesUsed", Json.createArrayBuilder().add(2)));
        assertEquals(201, marked.status(), marked::toString);
        JsonArray codes = reveal(People.admin(), fixture, "Which recovery codes are left?").json()
                .getJsonArray("recoveryCodes");
        assertFalse(codes.getJsonObject(0).getBoolean("used"));
        assertTrue(codes.getJsonObject(1).getBoolean("used"));
        assertEquals(List.of("recoveryCodes"), marked.json().getJsonArray("changedFields").getValuesAs(
                jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());

        Api.Reply metadata = People.admin().get("/api/v1/accounts/" + fixture.accountId());
        Api.Reply versions = People.admin().get(fixture.path("/versions"));
        for (Api.Reply reply : List.of(metadata, versions, People.admin().get("/api/v1/accounts?limit=200"))) {
            for (String secret : List.of(password, login, seed, code1, answer, notes)) {
                assertFalse(reply.body().contains(secret), "metadata carries no secret");
            }
        }
    }

    @Test
    void threeRotationsGiveThreeVersionsAdminsRevealEachHoldersOnlyTheCurrent() throws Exception {
        Fixture fixture = Fixture.create("VERS");
        String login = TestSecrets.remember("versions-" + UUID.randomUUID() + "@example.edu");
        List<String> passwords = new ArrayList<>();
        for (int version = 1; version <= 3; version++) {
            String password = TestSecrets.remember("Rotated-" + version + "-" + UUID.randomUUID());
            passwords.add(password);
            JsonObjectBuilder change = Json.createObjectBuilder().add("reason", "Quarterly rotation number " + version)
                    .add("password", password);
            if (version == 1) {
                change.add("loginIdentifier", login);
            }
            Api who = version == 2 ? fixture.contentOwner().api() : fixture.owner().api();
            Api.Reply reply = rotate(who, fixture, version - 1, change);
            assertEquals(201, reply.status(), reply::toString);
        }
        JsonArray versions = fixture.owner().api().get(fixture.path("/versions")).parse().asJsonArray();
        assertEquals(3, versions.size());
        assertEquals(3, versions.getJsonObject(0).getInt("version"));
        assertTrue(versions.getJsonObject(0).getBoolean("current"));
        assertEquals("Quarterly rotation number 2", versions.getJsonObject(1).getString("reason"));
        assertTrue(versions.getJsonObject(1).getString("createdBy").contains(fixture.contentOwner().personId()));

        for (int version = 1; version <= 3; version++) {
            for (Api steward : List.of(People.admin(), fixture.owner().api())) {
                Api.Reply old = steward.post(fixture.path("/versions/" + version + "/reveal"),
                        "{\"reason\":\"Incident review of earlier passwords\"}");
                assertEquals(200, old.status(), old::toString);
                assertEquals(passwords.get(version - 1), old.json().getString("password"));
                assertEquals(login, old.json().getString("loginIdentifier"), "unchanged fields carry over");
            }
        }
        Api.Reply current = reveal(fixture.contentOwner().api(), fixture, "Posting the weekly update");
        assertEquals(passwords.get(2), current.json().getString("password"));
        assertEquals("\"3\"", current.header("ETag"));
        String request = UUID.randomUUID().toString();
        Api.Reply older = fixture.contentOwner().api().post(fixture.path("/versions/1/reveal"),
                "{\"reason\":\"Looking at the old password\"}", "X-Request-Id", request);
        assertProblem(older, 403, "forbidden");
        assertEquals(1, TestDatabase.auditCount("request_id = '" + request + "' AND action = 'CREDENTIAL_REVEAL'"
                + " AND outcome = 'DENIED' AND reason = 'Looking at the old password'"));
        assertProblem(fixture.moderator().api().get(fixture.path("/versions")), 403, "forbidden");
        assertProblem(People.admin().post(fixture.path("/versions/9/reveal"), "{\"reason\":\"A version that is not there\"}"),
                404, "not-found");
        assertEquals(3, TestDatabase.count("SELECT COUNT(*) FROM escrow.credential_version WHERE account_id = '"
                + fixture.accountId() + "'"));
    }

    @Test
    void twoConcurrentRotationsOfTheSameVersionOneWinsTheOtherGets412BothAudited() throws Exception {
        Fixture fixture = Fixture.create("RACE");
        assertEquals(201, rotate(People.admin(), fixture, 0, Json.createObjectBuilder().add("reason", "Initial escrow of"
                + " the account").add("password", TestSecrets.remember("race-start-" + UUID.randomUUID()))).status());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 1; round <= 5; round++) {
                int replacing = round;
                CountDownLatch start = new CountDownLatch(1);
                List<String> candidates = List.of(TestSecrets.remember("race-a-" + UUID.randomUUID()),
                        TestSecrets.remember("race-b-" + UUID.randomUUID()));
                List<String> requests = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
                List<Api> callers = List.of(fixture.owner().api(), fixture.contentOwner().api());
                List<Future<Api.Reply>> replies = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    int who = i;
                    replies.add(pool.submit(() -> {
                        start.await();
                        return callers.get(who).send("PUT", fixture.path(""), Json.createObjectBuilder()
                                .add("reason", "Concurrent rotation, round " + replacing)
                                .add("password", candidates.get(who)).build().toString(),
                                "Content-Type", "application/json", "If-Match", "\"" + replacing + "\"",
                                "X-Request-Id", requests.get(who));
                    }));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                String winner = null;
                for (int i = 0; i < 2; i++) {
                    Api.Reply reply = replies.get(i).get();
                    statuses.add(reply.status());
                    if (reply.status() == 201) {
                        winner = candidates.get(i);
                    } else {
                        assertProblem(reply, 412, "precondition-failed");
                    }
                }
                assertEquals(Set.of(201, 412), Set.copyOf(statuses), "round " + round + ": " + statuses);
                assertOneCurrentVersion(fixture, replacing + 1);
                assertEquals(winner, reveal(People.admin(), fixture, "Which rotation won the race?").json()
                        .getString("password"));
                for (int i = 0; i < 2; i++) {
                    String outcome = statuses.get(i) == 201 ? "ALLOWED" : "FAILED";
                    assertEquals(1, TestDatabase.auditCount("request_id = '" + requests.get(i) + "' AND action ="
                            + " 'CREDENTIAL_ROTATE' AND outcome = '" + outcome + "'"), "round " + round);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(6, People.admin().get("/api/v1/accounts/" + fixture.accountId()).json().getInt("credentialVersion"));
        assertEquals(6, TestDatabase.count("SELECT COUNT(*) FROM escrow.credential_version WHERE account_id = '"
                + fixture.accountId() + "'"));
    }

    /**
     * Never two current versions: versions 1..n exist once each, the account points at n, the API marks only n
     * current, and only n's credentials are sealed under n (one envelope for the one field rotated).
     */
    private static void assertOneCurrentVersion(Fixture fixture, int current) throws Exception {
        String account = "'" + fixture.accountId() + "'";
        assertEquals(current, TestDatabase.count("SELECT COUNT(*) FROM escrow.credential_version WHERE account_id = "
                + account));
        assertEquals(current, TestDatabase.count("SELECT MAX(version) FROM escrow.credential_version WHERE account_id"
                + " = " + account));
        assertEquals(current, TestDatabase.count("SELECT credential_version FROM escrow.official_account WHERE id = "
                + account));
        assertEquals(1, TestDatabase.count("SELECT COUNT(*) FROM escrow.sealed_value WHERE owner_table = 'credential'"
                + " AND owner_id = " + account + " AND owner_version = " + current));
        JsonArray versions = Api.admin().get(fixture.path("/versions")).parse().asJsonArray();
        assertEquals(List.of(current), versions.stream().map(v -> v.asJsonObject())
                .filter(v -> v.getBoolean("current")).map(v -> v.getInt("version")).toList());
    }

    @Test
    void totpCodesMatchAnIndependentImplementationAndNeverShowTheSeed() throws Exception {
        Fixture fixture = Fixture.create("TOTP");
        String[][] configurations = {
            {"SHA1", "HmacSHA1", "6", "30"}, {"SHA256", "HmacSHA256", "8", "60"}, {"SHA512", "HmacSHA512", "8", "30"},
        };
        int version = 0;
        for (String[] configuration : configurations) {
            byte[] seed = new byte[32];
            new java.security.SecureRandom().nextBytes(seed);
            String secret = TestSecrets.remember(base32(seed));
            Api.Reply stored = rotate(People.admin(), fixture, version++, Json.createObjectBuilder()
                    .add("reason", "New authenticator seed for testing")
                    .add("totp", Json.createObjectBuilder().add("secret", secret).add("algorithm", configuration[0])
                            .add("digits", Integer.parseInt(configuration[2]))
                            .add("period", Integer.parseInt(configuration[3]))));
            assertEquals(201, stored.status(), stored::toString);
            for (int instant = 0; instant < 3; instant++) {
                Instant before = Instant.now();
                Api.Reply reply = fixture.moderator().api().post(fixture.path("/totp"),
                        "{\"reason\":\"Signing in to publish a post\"}");
                Instant after = Instant.now();
                assertEquals(200, reply.status(), reply::toString);
                assertEquals("no-store", reply.header("Cache-Control"));
                assertFalse(reply.body().contains(secret), "the seed never leaves");
                JsonObject body = reply.json();
                int digits = Integer.parseInt(configuration[2]);
                int period = Integer.parseInt(configuration[3]);
                String code = body.getString("code");
                assertEquals(digits, code.length());
                assertTrue(body.getInt("secondsLeft") >= 1 && body.getInt("secondsLeft") <= period, body::toString);
                Set<String> expected = new java.util.HashSet<>(List.of(TestTotp.code(seed, before, configuration[1], digits, period),
                        TestTotp.code(seed, after, configuration[1], digits, period)));
                assertTrue(expected.contains(code), code + " not in " + expected + " for " + configuration[0]);
                Thread.sleep(700);
            }
        }
        assertProblem(fixture.moderator().api().post(fixture.path("/totp"), "{}"), 400, "validation-failed");
        assertProblem(Api.live().bearer(People.token("AUDITOR")).post(fixture.path("/totp"),
                "{\"reason\":\"Auditors get no codes\"}"), 403, "forbidden");
    }

    @Test
    void revealNeedsAReasonAndTheRightPersonAndEveryRefusalIsAudited() throws Exception {
        Fixture fixture = Fixture.create("RULES");
        assertEquals(201, rotate(People.admin(), fixture, 0, Json.createObjectBuilder().add("reason", "Initial escrow"
                + " of the account").add("password", TestSecrets.remember("rules-" + UUID.randomUUID()))).status());

        String noReason = UUID.randomUUID().toString();
        Api.Reply missing = fixture.contentOwner().api().post(fixture.path("/reveal"), "{}", "X-Request-Id", noReason);
        assertProblem(missing, 400, "validation-failed");
        assertEquals("reason", missing.json().getJsonArray("errors").getJsonObject(0).getString("field"));
        assertFalse(missing.body().contains("rules-"));
        assertEquals(1, TestDatabase.auditCount("request_id = '" + noReason + "' AND action = 'CREDENTIAL_REVEAL'"
                + " AND outcome = 'FAILED'"));
        assertProblem(reveal(fixture.contentOwner().api(), fixture, "because"), 400, "validation-failed");

        People.Session stranger = People.departmentOwner(People.createDepartment("OTHER-" + UUID.randomUUID()
                .toString().substring(0, 4)));
        String otherOwner = UUID.randomUUID().toString();
        Api.Reply notFound = stranger.api().post(fixture.path("/reveal"), "{\"reason\":\"Curious about this one\"}",
                "X-Request-Id", otherOwner);
        assertProblem(notFound, 404, "not-found");
        assertEquals(1, TestDatabase.auditCount("request_id = '" + otherOwner + "' AND action = 'CREDENTIAL_REVEAL'"
                + " AND outcome = 'DENIED' AND reason = 'Curious about this one'"));
        assertProblem(stranger.api().get("/api/v1/accounts/" + fixture.accountId()), 404, "not-found");
        assertProblem(People.member(fixture.departmentId()).api().post(fixture.path("/reveal"),
                "{\"reason\":\"A colleague without an assignment\"}"), 404, "not-found");

        String auditorRequest = UUID.randomUUID().toString();
        Api auditor = Api.live().bearer(People.token("AUDITOR"));
        assertProblem(auditor.post(fixture.path("/reveal"), "{\"reason\":\"Auditing the escrow\"}",
                "X-Request-Id", auditorRequest), 403, "forbidden");
        assertEquals(1, TestDatabase.auditCount("request_id = '" + auditorRequest + "' AND action ="
                + " 'CREDENTIAL_REVEAL' AND outcome = 'DENIED' AND actor_roles = 'AUDITOR'"));
        assertEquals(200, auditor.get("/api/v1/accounts/" + fixture.accountId()).status(), "auditors read metadata");
        assertEquals(200, auditor.get(fixture.path("/versions")).status());
        assertProblem(Api.live().bearer(People.token("HR_INTEGRATION")).post(fixture.path("/reveal"),
                "{\"reason\":\"HR has no business here\"}"), 403, "forbidden");
        assertProblem(Api.live().bearer(People.token("HR_INTEGRATION")).get("/api/v1/accounts"), 403, "forbidden");

        String allowed = UUID.randomUUID().toString();
        assertEquals(200, fixture.owner().api().post(fixture.path("/reveal"), "{\"reason\":\"Posting as the"
                + " department\"}", "X-Request-Id", allowed).status());
        assertEquals(1, TestDatabase.auditCount("request_id = '" + allowed + "' AND action = 'CREDENTIAL_REVEAL'"
                + " AND outcome = 'ALLOWED' AND reason = 'Posting as the department'"));
    }

    @Test
    void a_department_owner_without_mfa_is_told_to_enrol_and_may_reveal_once_enrolled() throws Exception {
        Fixture fixture = Fixture.create("MFA");
        String password = TestSecrets.remember("mfa-first-" + UUID.randomUUID());
        assertEquals(201, rotate(fixture.owner().api(), fixture, 0, Json.createObjectBuilder()
                .add("reason", "Escrow at registration").add("password", password)).status());
        People.Session owner = People.departmentOwnerWithoutMfa(fixture.departmentId());
        assertToldToEnrolBeforeAnySecret(owner, fixture, password);

        People.enrolMfa(owner);
        Api.Reply revealed = reveal(owner.api(), fixture, "Posting as the department");
        assertEquals(200, revealed.status(), revealed::toString);
        assertEquals(password, revealed.json().getString("password"));
    }

    @Test
    void a_content_owner_and_a_backup_moderator_without_mfa_are_told_to_enrol_and_may_reveal_once_enrolled()
            throws Exception {
        String department = People.createDepartment("MFAH-" + UUID.randomUUID().toString().substring(0, 4));
        People.Session owner = People.departmentOwner(department);
        People.Session contentOwner = People.memberWithoutMfa(department);
        People.Session moderator = People.memberWithoutMfa(department);
        Api.Reply created = owner.api().post("/api/v1/accounts", Json.createObjectBuilder()
                .add("platform", "instagram").add("handle", "@mfa-holders-" + UUID.randomUUID())
                .add("displayName", "Holders without MFA").add("departmentId", department)
                .add("contentOwnerId", contentOwner.personId()).add("backupModeratorId", moderator.personId())
                .build().toString());
        assertEquals(201, created.status(), created::toString);
        Fixture fixture = new Fixture(department, owner, contentOwner, moderator, created.json().getString("id"));
        String password = TestSecrets.remember("mfa-holder-" + UUID.randomUUID());
        byte[] seed = new byte[20];
        new java.security.SecureRandom().nextBytes(seed);
        String secret = TestSecrets.remember(base32(seed));
        Api.Reply stored = rotate(owner.api(), fixture, 0, Json.createObjectBuilder()
                .add("reason", "Escrow at registration").add("password", password)
                .add("totp", Json.createObjectBuilder().add("secret", secret).add("algorithm", "SHA1")
                        .add("digits", 6).add("period", 30)));
        assertEquals(201, stored.status(), stored::toString);

        for (People.Session holder : List.of(contentOwner, moderator)) {
            assertToldToEnrolBeforeAnySecret(holder, fixture, password);

            People.enrolMfa(holder);
            Api.Reply revealed = reveal(holder.api(), fixture, "Posting as the account");
            assertEquals(200, revealed.status(), revealed::toString);
            assertEquals(password, revealed.json().getString("password"));
            Instant before = Instant.now();
            Api.Reply code = holder.api().post(fixture.path("/totp"), "{\"reason\":\"Signing in to post today\"}");
            Instant after = Instant.now();
            assertEquals(200, code.status(), code::toString);
            assertTrue(List.of(TestTotp.code(seed, before, "HmacSHA1", 6, 30), TestTotp.code(seed, after, "HmacSHA1",
                    6, 30)).contains(code.json().getString("code")), code::toString);
        }
    }

    /** A reveal and a TOTP code are refused, each audited, with a problem that says how to enrol. */
    private static void assertToldToEnrolBeforeAnySecret(People.Session person, Fixture fixture, String password)
            throws Exception {
        String refusedReveal = UUID.randomUUID().toString();
        Api.Reply reply = person.api().post(fixture.path("/reveal"), "{\"reason\":\"Posting as the account\"}",
                "X-Request-Id", refusedReveal);
        assertProblem(reply, 403, "person-with-mfa-required");
        assertTrue(reply.json().getString("detail").contains("POST /api/v1/session/mfa"), reply::body);
        assertFalse(reply.body().contains(password));
        assertEquals(1, TestDatabase.auditCount("request_id = '" + refusedReveal + "'"
                + " AND action = 'CREDENTIAL_REVEAL' AND outcome = 'DENIED'"));
        String refusedCode = UUID.randomUUID().toString();
        assertProblem(person.api().post(fixture.path("/totp"), "{\"reason\":\"Signing in to post today\"}",
                "X-Request-Id", refusedCode), 403, "person-with-mfa-required");
        assertEquals(1, TestDatabase.auditCount("request_id = '" + refusedCode + "'"
                + " AND action = 'TOTP_CODE' AND outcome = 'DENIED'"));
    }

    @Test
    void an_api_token_never_sees_a_secret_not_even_a_dgit_admin_token() {
        Fixture fixture = Fixture.create("TOKREV");
        String password = TestSecrets.remember("token-" + UUID.randomUUID());
        assertEquals(201, rotate(Api.admin(), fixture, 0, Json.createObjectBuilder()
                .add("reason", "A script escrows the credentials").add("password", password)).status(),
                "a DGIT token may still store a value it knows");
        Api.Reply reply = reveal(Api.admin(), fixture, "A script wants the password");
        assertProblem(reply, 403, "person-with-mfa-required");
        assertFalse(reply.body().contains(password));
        assertProblem(Api.admin().post(fixture.path("/versions/1/reveal"), "{\"reason\":\"A script wants it\"}"),
                403, "person-with-mfa-required");
        assertProblem(Api.admin().post(fixture.path("/totp"), "{\"reason\":\"A script wants a code\"}"), 403,
                "person-with-mfa-required");
    }

    @Test
    void badRotationsAreRefusedNamingTheFieldAndWriteNothing() throws Exception {
        Fixture fixture = Fixture.create("BADROT");
        String sealed = "SELECT COUNT(*) FROM escrow.sealed_value WHERE owner_table = 'credential' AND owner_id = '"
                + fixture.accountId() + "'";
        String good = "\"reason\":\"Testing bad input handling\"";
        Api owner = fixture.owner().api();
        assertProblem(owner.send("PUT", fixture.path(""), "{" + good + ",\"password\":\"x-" + UUID.randomUUID()
                + "\"}", "Content-Type", "application/json"), 428, "precondition-required");
        assertField(owner.send("PUT", fixture.path(""), "{" + good + ",\"password\":\"y\"}", "Content-Type",
                "application/json", "If-Match", "W/\"0\""), 400, "If-Match");
        assertField(rotate(owner, fixture, 0, Json.createObjectBuilder().add("reason", "Testing bad input handling")
                .add("totp", Json.createObjectBuilder().add("uri", "otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP"))),
                400, "totp.uri");
        assertField(rotate(owner, fixture, 0, Json.createObjectBuilder().add("reason", "Testing bad input handling")
                .add("totp", Json.createObjectBuilder().add("secret", "not base32!"))), 400, "totp");
        assertField(rotate(owner, fixture, 0, Json.createObjectBuilder().add("reason", "Testing bad input handling")
                .add("recoveryEmail", "not an email")), 400, "recoveryEmail");
        assertField(rotate(owner, fixture, 0, Json.createObjectBuilder().add("reason", "Testing bad input handling")
                .add("password", "p".repeat(1025))), 400, "password");
        assertField(rotate(owner, fixture, 0, Json.createObjectBuilder().add("reason", "Testing bad input handling")
                .add("pasword", "typo")), 400, "pasword");
        assertField(rotate(owner, fixture, 0, Json.createObjectBuilder().add("reason", "Testing bad input handling")
                .add("clear", Json.createArrayBuilder().add("pin"))), 400, "clear");
        assertField(rotate(owner, fixture, 0, Json.createObjectBuilder().add("reason", "Testing bad input handling")),
                400, "request");
        assertProblem(rotate(owner, fixture, 0, Json.createObjectBuilder().add("reason", "Testing bad input handling")
                .add("notes", "n".repeat(70_000))), 413, "payload-too-large");
        assertProblem(rotate(owner, fixture, 3, Json.createObjectBuilder().add("reason", "Testing bad input handling")
                .add("password", "stale-" + UUID.randomUUID())), 412, "precondition-failed");
        assertEquals(0, TestDatabase.count(sealed), "nothing half-written");
        assertEquals(0, People.admin().get("/api/v1/accounts/" + fixture.accountId()).json().getInt("credentialVersion"));
        assertProblem(reveal(owner, fixture, "Nothing is stored yet"), 404, "not-found");
    }

    static void assertField(Api.Reply reply, int status, String field) {
        assertEquals(status, reply.status(), reply::toString);
        assertEquals("application/problem+json", reply.contentType(), reply::toString);
        JsonArray errors = reply.json().getJsonArray("errors");
        assertTrue(errors != null && errors.getValuesAs(JsonObject.class).stream()
                .anyMatch(e -> e.getString("field").equals(field)), reply::toString);
    }

    static String base32(byte[] data) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(alphabet.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }
}
