package edu.ucla.dgsom.escrow.it;

import static edu.ucla.dgsom.escrow.it.PlatformIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.ucla.dgsom.escrow.devstack.KeycloakProcess;
import edu.ucla.dgsom.escrow.devstack.LocalStack;
import edu.ucla.dgsom.escrow.devstack.PayaraMicroProcess;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Campus sign-in against a real OpenID Connect provider: Keycloak, started from its Maven distribution with the
 * realm {@code campus} (src/test/resources/keycloak), and a second instance of the service on the run's database
 * configured for it, with local sign-in kept for one break-glass DGIT admin. The run's own instance has no provider
 * and shows nothing of it. People sign in through the browser (Chromium) or, for the protocol's bad cases, through
 * a browserless client that can send what a browser would not.
 */
@ExtendWith(LiveService.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CampusSignInIT {

    private static final String PROVIDER_NAME = "Campus Keycloak";
    private static KeycloakProcess provider;
    private static PayaraMicroProcess campus;
    private static String department;
    private static People.SignInDetails breakGlassAdmin;
    /** The person of the provider's bob, with the escrow's own authenticator. */
    private static String bob;
    /** The last time step whose code each enrolment gave. */
    private static final Map<People.EnrolledMfa, Long> USED_STEPS = new IdentityHashMap<>();

    @BeforeAll
    static void startProviderAndCampusInstance() throws IOException {
        provider = KeycloakProcess.startUnpacked(LocalStack.freePort(), LiveService.extraLog("keycloak"));
        department = People.createDepartment("SSO" + UUID.randomUUID().toString().substring(0, 5));
        breakGlassAdmin = People.signInDetails(department, "DGIT_ADMIN", null);
        TestSecrets.remember(KeycloakProcess.CLIENT_SECRET);
        int port = LocalStack.freePort();
        campus = LiveService.stack().startAnotherServer(port, Map.of(
                "ESCROW_SSO_ISSUER", provider.issuer().toString(),
                "ESCROW_SSO_REDIRECT_URI", "http://127.0.0.1:" + port + "/api/v1/session/sso/callback",
                "ESCROW_SSO_NAME", PROVIDER_NAME,
                "ESCROW_SSO_CLIENT_ID", KeycloakProcess.CLIENT_ID,
                "ESCROW_SSO_CLIENT_SECRET", KeycloakProcess.CLIENT_SECRET,
                "ESCROW_SIGN_IN_LOCAL", "break-glass",
                "ESCROW_SIGN_IN_BREAK_GLASS", breakGlassAdmin.username()), LiveService.extraLog("payara-campus"));
    }

    @AfterAll
    static void stop() {
        if (campus != null) {
            campus.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    /** A person of the escrow with this employee id and address, holding {@code role} (null: none). */
    private static String person(String employeeId, String email, String role) {
        Api.Reply created = Api.admin().post("/api/v1/people", Json.createObjectBuilder().add("employeeId", employeeId)
                .add("name", "Campus " + employeeId).add("email", email).add("departmentId", department).build()
                .toString());
        assertEquals(201, created.status(), created::toString);
        String id = created.json().getString("id");
        if (role != null) {
            People.grant(id, role, role.equals("DEPARTMENT_OWNER") ? department : null);
        }
        return id;
    }

    private static Supplier<String> keycloakCode(String secret) {
        return () -> totp(secret.getBytes(StandardCharsets.UTF_8), Instant.now());
    }

    private static String totp(byte[] seed, Instant at) {
        try {
            return TestTotp.code(seed, at, "HmacSHA1", 6, 30);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The escrow's own TOTP code of a later time step than any used so far (a step is accepted once). */
    private static String nextEscrowCode(People.EnrolledMfa mfa) throws InterruptedException {
        long step = Math.max(Instant.now().getEpochSecond() / 30, USED_STEPS.getOrDefault(mfa, mfa.step()) + 1);
        USED_STEPS.put(mfa, step);
        long wait = step * 30_000 - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
        return totp(mfa.seed(), Instant.ofEpochSecond(step * 30));
    }

    @Test
    @Order(1)
    void a_provider_user_whose_sign_in_was_multi_factor_signs_in_through_the_browser_without_the_escrows_code()
            throws Exception {
        String alice = person("SSO-E1001", "alice@campus.test", "AUDITOR");
        try (Browser browser = new Browser()) {
            browser.driver().get(campus.baseUri() + "/sign-in");
            browser.waitForText("Sign in with " + PROVIDER_NAME);
            browser.waitForText("Or, for break-glass access only, with an escrow username:");
            browser.check("sign-in-campus");
            browser.click("Sign in with " + PROVIDER_NAME);
            atProvider(browser, "alice", "alice-pass-1");
            browser.find("#otp").sendKeys(keycloakCode("alice-totp-secret-20").get());
            browser.find("#kc-login").click();
            browser.waitForHeading(ConsoleAdministrationIT.START);

            JsonObject session = sessionInBrowser(browser);
            assertEquals(alice, session.getString("id"));
            assertTrue(session.getJsonArray("roles").toString().contains("AUDITOR"));
            assertTrue(!session.containsKey("restriction") || session.isNull("restriction"),
                    "the provider's MFA counts for a role that needs MFA: " + session);
            assertTrue(session.getBoolean("mfaEnrolled"));
            assertEquals(1, TestDatabase.auditCount("action = 'SIGN_IN' AND outcome = 'ALLOWED' AND target_id = '"
                    + alice + "' AND details LIKE '%sso%' AND details LIKE '%provider%'"));

            // Signing out ends the provider's session too: the next sign-in asks for the password again.
            browser.click("Sign out");
            browser.waitUntil(d -> d.getCurrentUrl().startsWith(campus.baseUri() + "/sign-in"));
            browser.waitForText("Sign in with " + PROVIDER_NAME);
            assertEquals(401, statusInBrowser(browser, "/api/v1/session"));
            browser.click("Sign in with " + PROVIDER_NAME);
            browser.find("#username");
            assertTrue(browser.driver().getCurrentUrl().startsWith(provider.issuer().toString()));
        }
    }

    @Test
    @Order(2)
    void a_provider_user_whose_sign_in_was_single_factor_gives_the_escrows_own_code_in_the_browser()
            throws Exception {
        bob = person("SSO-E1002", "bob@campus.test", "DEPARTMENT_OWNER");
        People.EnrolledMfa mfa = escrowSignInWithMfa(bob);
        try (Browser browser = new Browser()) {
            browser.driver().get(campus.baseUri() + "/sign-in");
            browser.click("Sign in with " + PROVIDER_NAME);
            atProvider(browser, "bob", "bob-pass-1");
            browser.waitForText(PROVIDER_NAME + " knows who you are. Your escrow sign-in also needs the code from your"
                    + " authenticator app.");
            assertTrue(browser.driver().getCurrentUrl().endsWith("/sign-in?sso=code-required"));
            browser.check("sign-in-campus-code");
            browser.type("Code from your authenticator app", "000000").click("Sign in");
            browser.waitForText("The username, password or code is wrong.");
            browser.type("Code from your authenticator app", nextEscrowCode(mfa)).click("Sign in");
            browser.waitForHeading(ConsoleAdministrationIT.START);
            JsonObject session = sessionInBrowser(browser);
            assertEquals(bob, session.getString("id"));
            assertTrue(session.getBoolean("mfaEnrolled"));
        }
        assertEquals(1, TestDatabase.auditCount("action = 'SIGN_IN' AND outcome = 'ALLOWED' AND target_id = '" + bob
                + "' AND details LIKE '%sso%' AND details LIKE '%escrow%'"));
        assertEquals(1, TestDatabase.auditCount("action = 'SIGN_IN' AND outcome = 'FAILED' AND target_id = '" + bob
                + "' AND reason = 'wrong MFA code'"));
    }

    @Test
    @Order(3)
    void wrong_codes_after_a_campus_sign_in_count_on_the_persons_own_throttle_and_use_the_sign_in_up()
            throws Exception {
        EscrowClient client = new EscrowClient();
        assertEquals("sso=code-required", client.callback(client.signInAtProvider("bob", "bob-pass-1", null))
                .getQuery());
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> wrong = client.post("/api/v1/session/sso/second-factor", "{\"totpCode\":\"000000\"}");
            assertEquals(401, wrong.statusCode(), wrong::body);
            assertTrue(wrong.body().contains(i < 4 ? "invalid-credentials" : "sign-in-expired"), wrong::body);
        }
        assertTrue(client.post("/api/v1/session/sso/second-factor", "{\"totpCode\":\"000000\"}").body()
                .contains("sign-in-expired"), "five wrong codes use the sign-in up");
        // A new provider sign-in does not reset the person's count: the fifth wrong code locked their MFA checks.
        assertEquals(1, TestDatabase.auditCount("action = 'SIGN_IN_LOCKED' AND target_id = '" + bob + "'"));
        // The lock is short in this run; what it does to a code is the same check as for an MFA renewal.
        assertEquals(401, client.get("/api/v1/session").statusCode());
    }

    @Test
    @Order(4)
    void a_provider_user_the_escrow_does_not_know_is_refused_with_a_clear_page_and_an_audit_entry() throws Exception {
        try (Browser browser = new Browser()) {
            browser.driver().get(campus.baseUri() + "/sign-in");
            browser.click("Sign in with " + PROVIDER_NAME);
            atProvider(browser, "carol", "carol-pass-1");
            browser.waitForText("the escrow has no person with your employee id");
            assertTrue(browser.driver().getCurrentUrl().endsWith("/sign-in?sso=unknown-person"));
            browser.check("sign-in-campus-unknown");
            assertEquals(401, statusInBrowser(browser, "/api/v1/session"));
        }
        assertEquals(1, TestDatabase.auditCount("action = 'SIGN_IN' AND outcome = 'FAILED' AND actor_name = 'SSO-E1999'"
                + " AND reason = 'no person matches the provider''s identity'"));
    }

    @Test
    @Order(5)
    void an_offboarded_person_is_refused_with_a_clear_page_and_an_audit_entry() throws Exception {
        String dave = person("SSO-E1003", "dave@campus.test", null);
        Api.Reply offboarded = Api.live().bearer(People.token("HR_INTEGRATION")).post("/api/v1/offboardings",
                Json.createObjectBuilder().add("employeeId", "SSO-E1003").build().toString());
        assertEquals(202, offboarded.status(), offboarded::toString);
        try (Browser browser = new Browser()) {
            browser.driver().get(campus.baseUri() + "/sign-in");
            browser.click("Sign in with " + PROVIDER_NAME);
            atProvider(browser, "dave", "dave-pass-1");
            browser.waitForText("Your access to the escrow has ended or is disabled.");
            assertTrue(browser.driver().getCurrentUrl().endsWith("/sign-in?sso=not-active"));
            assertEquals(401, statusInBrowser(browser, "/api/v1/session"));
        }
        assertEquals(1, TestDatabase.auditCount("action = 'SIGN_IN' AND outcome = 'DENIED' AND target_id = '" + dave
                + "' AND details LIKE '%sso%'"));
    }

    @Test
    @Order(6)
    void a_token_without_the_employee_id_falls_back_to_the_one_person_with_its_verified_address() {
        String erin = person("SSO-E1005", "Erin@Campus.test", null);
        EscrowClient client = new EscrowClient();
        URI back = client.signInAtProvider("erin", "erin-pass-1", null);
        assertEquals("/", client.callback(back).getPath());
        assertEquals(erin, client.session().getString("id"));
    }

    @Test
    @Order(7)
    void a_role_that_needs_mfa_without_any_mfa_is_refused() throws Exception {
        String frank = person("SSO-E1004", "frank@campus.test", "AUDITOR");
        EscrowClient client = new EscrowClient();
        URI back = client.signInAtProvider("frank", "frank-pass-1", null);
        assertEquals("sso=mfa-needed", client.callback(back).getQuery());
        assertEquals(401, client.get("/api/v1/session").statusCode());
        assertEquals(1, TestDatabase.auditCount("action = 'SIGN_IN' AND outcome = 'DENIED' AND target_id = '" + frank
                + "'"));
    }

    @Test
    @Order(8)
    void a_mismatched_state_or_a_replayed_answer_makes_no_session() throws Exception {
        long sessionsBefore = sessionsOfCampusPeople();
        EscrowClient forged = new EscrowClient();
        URI answer = forged.signInAtProvider("erin", "erin-pass-1", null);
        URI tampered = withQuery(answer, "state", "another-state");
        assertEquals("sso=expired", forged.callback(tampered).getQuery());
        assertEquals("sso=expired", forged.callback(answer).getQuery(), "a flow is used up by any answer");
        assertEquals(401, forged.get("/api/v1/session").statusCode());

        EscrowClient signedIn = new EscrowClient();
        URI good = signedIn.signInAtProvider("erin", "erin-pass-1", null);
        HttpCookie flow = signedIn.cookie("escrow_sso");
        assertEquals("/", signedIn.callback(good).getPath());
        EscrowClient replaying = new EscrowClient();
        replaying.add(flow);
        assertEquals("sso=expired", replaying.callback(good).getQuery(), "the same answer again, with its cookie");
        assertEquals(401, replaying.get("/api/v1/session").statusCode());
        assertEquals(sessionsBefore + 1, sessionsOfCampusPeople(), "one session from three answers");
        assertTrue(TestDatabase.count("SELECT COUNT(*) FROM escrow.anonymous_refusal WHERE refusal ="
                + " 'PROVIDER_ANSWER_UNMATCHED'") + TestDatabase.auditCount("reason LIKE 'provider''s answer matches"
                + " no sign-in under way%'") > 0, "the refusals are counted for the audit trail");
    }

    @Test
    @Order(9)
    void a_code_issued_to_another_sign_in_is_refused_by_its_pkce_verifier() {
        EscrowClient victim = new EscrowClient();
        URI victimsAnswer = victim.signInAtProvider("erin", "erin-pass-1", null);
        EscrowClient attacker = new EscrowClient();
        URI attackersAnswer = attacker.startAnswerless();
        // The attacker's own flow and state, with the code the provider issued to the victim's flow.
        URI injected = withQuery(victimsAnswer, "state", query(attackersAnswer, "state"));
        assertEquals("sso=rejected", attacker.callback(injected).getQuery());
        assertEquals(401, attacker.get("/api/v1/session").statusCode());
    }

    @Test
    @Order(10)
    void a_session_through_the_provider_is_the_usual_session_and_sign_out_names_the_providers_end_session() {
        EscrowClient client = new EscrowClient();
        client.callback(client.signInAtProvider("erin", "erin-pass-1", null));
        JsonObject session = client.session();
        String csrf = session.getString("csrfToken");
        HttpCookie cookie = client.cookie("escrow_session");
        assertTrue(cookie.isHttpOnly());
        assertEquals("/", cookie.getPath());
        assertEquals(403, client.send("DELETE", "/api/v1/sessions/others", null).statusCode(), "CSRF as always");
        HttpResponse<String> signedOut = client.send("DELETE", "/api/v1/session", csrf);
        assertEquals(204, signedOut.statusCode(), signedOut::body);
        String link = signedOut.headers().firstValue("Link").orElseThrow();
        assertTrue(link.startsWith("<" + provider.issuer() + "/protocol/openid-connect/logout?"), link);
        assertTrue(link.contains("id_token_hint=") && link.contains("rel=\"end-session\""), link);
        URI endSession = URI.create(link.substring(1, link.indexOf('>')));
        assertEquals(campus.baseUri() + "/sign-in", query(endSession, "post_logout_redirect_uri"));
        assertEquals(KeycloakProcess.CLIENT_ID, query(endSession, "client_id"));
        assertEquals(401, client.get("/api/v1/session").statusCode());
    }

    @Test
    @Order(11)
    void local_sign_in_is_left_to_the_break_glass_admin_whose_every_sign_in_alerts_the_dgit_admins()
            throws Exception {
        People.SignInDetails owner = People.departmentOwnerSignInDetails(department);
        Api campusApi = Api.at(campus.baseUri());
        Api.Reply refused = campusApi.post("/api/v1/session", Json.createObjectBuilder()
                .add("username", owner.username()).add("password", owner.password()).build().toString());
        assertProblem(refused, 403, "local-sign-in-off");
        assertProblem(campusApi.post("/api/v1/session", "{\"username\":\"nobody-at-all\",\"password\":\"x\"}"), 403,
                "local-sign-in-off");
        assertEquals(201, People.signInReply(owner.username(), owner.password(),
                nextEscrowCode(owner.mfa())).status(), "the instance without a provider keeps local sign-in");

        Api.Reply breakGlass = campusApi.post("/api/v1/session", Json.createObjectBuilder()
                .add("username", breakGlassAdmin.username()).add("password", breakGlassAdmin.password())
                .add("totpCode", nextEscrowCode(breakGlassAdmin.mfa())).build().toString());
        assertEquals(201, breakGlass.status(), breakGlass::toString);
        String adminEmail = Api.admin().get("/api/v1/people/" + breakGlassAdmin.personId()).json()
                .getString("email");
        MimeMessage alert = AccountRequestsIT.awaitMailTo(adminEmail, "Break-glass sign-in by");
        assertTrue(alert.getContent().toString().contains(breakGlassAdmin.username()));
        assertEquals(1, TestDatabase.auditCount("action = 'SIGN_IN' AND outcome = 'ALLOWED' AND target_id = '"
                + breakGlassAdmin.personId() + "' AND reason LIKE 'break-glass%'"));
    }

    @Test
    @Order(12)
    void the_instance_without_a_provider_offers_no_campus_sign_in() {
        assertProblem(Api.live().get("/api/v1/session/sso"), 404, "not-found");
        assertProblem(Api.live().get("/api/v1/session/sso/start"), 404, "not-found");
        JsonObject offered = Api.at(campus.baseUri()).get("/api/v1/session/sso").json();
        assertEquals(PROVIDER_NAME, offered.getString("name"));
        assertEquals("break-glass", offered.getString("localSignIn"));
        try (Browser browser = new Browser()) {
            browser.open("/sign-in");
            browser.waitForText("Sign in with your escrow username.");
            assertFalse(browser.text().contains("Sign in with " + PROVIDER_NAME));
        }
    }

    @Test
    @Order(13)
    void a_provider_that_is_down_refuses_campus_sign_in_and_never_locks_out_break_glass() throws Exception {
        EscrowClient midway = new EscrowClient();
        URI answer = midway.signInAtProvider("erin", "erin-pass-1", null);
        provider.stop();
        assertEquals("sso=provider-unavailable", midway.callback(answer).getQuery());
        assertEquals(401, midway.get("/api/v1/session").statusCode());
        EscrowClient starting = new EscrowClient();
        HttpResponse<String> start = starting.get("/api/v1/session/sso/start");
        assertEquals(303, start.statusCode());
        assertTrue(start.headers().firstValue("Location").orElseThrow().endsWith("/sign-in?sso=provider-unavailable"),
                start.headers()::toString);

        Api.Reply breakGlass = Api.at(campus.baseUri()).post("/api/v1/session", Json.createObjectBuilder()
                .add("username", breakGlassAdmin.username()).add("password", breakGlassAdmin.password())
                .add("totpCode", nextEscrowCode(breakGlassAdmin.mfa())).build().toString());
        assertEquals(201, breakGlass.status(), breakGlass::toString);
    }

    @Test
    @Order(14)
    void settings_that_cannot_work_stop_the_deployment_naming_the_setting() throws Exception {
        for (Map.Entry<Map<String, String>, String> bad : Map.of(
                Map.of("ESCROW_SSO_ISSUER", provider.issuer().toString(), "ESCROW_SSO_CLIENT_ID", "escrow",
                        "ESCROW_SSO_CLIENT_SECRET", "x"), "escrow.sso.redirect-uri",
                Map.of("ESCROW_SIGN_IN_LOCAL", "breakglass"), "escrow.sign-in.local").entrySet()) {
            IOException refused = assertThrows(IOException.class, () -> LiveService.stack()
                    .startAnotherServer(bad.getKey(), LiveService.extraLog("payara-misconfigured")).close());
            assertTrue(refused.getMessage().contains(bad.getValue()), refused::getMessage);
        }
    }

    // --- helpers ---

    /** Keycloak's login page: username and password. */
    private static void atProvider(Browser browser, String username, String password) {
        browser.find("#username").sendKeys(username);
        browser.find("#password").sendKeys(password);
        browser.find("#kc-login").click();
    }

    private static JsonObject sessionInBrowser(Browser browser) {
        String body = browser.asyncScript("const done = arguments[arguments.length - 1];"
                + " fetch('/api/v1/session').then(r => r.text()).then(done);");
        return Json.createReader(new java.io.StringReader(body)).readObject();
    }

    private static long statusInBrowser(Browser browser, String path) {
        return browser.asyncScript("const done = arguments[arguments.length - 1];"
                + " fetch(arguments[0]).then(r => done(r.status));", path);
    }

    /** A local sign-in of the person, made on the run's instance: password changed, TOTP enrolled. */
    private static People.EnrolledMfa escrowSignInWithMfa(String personId) {
        String username = "campus-" + UUID.randomUUID().toString().substring(0, 8);
        TestSecrets.remember("initial-password-1");
        Api.Reply given = People.admin().send("PUT", "/api/v1/people/" + personId + "/sign-in",
                Json.createObjectBuilder().add("username", username).add("initialPassword", "initial-password-1").build().toString(),
                "Content-Type", "application/json");
        assertTrue(given.status() / 100 == 2, given::toString);
        People.Session first = People.signIn(username, "initial-password-1", null);
        String password = TestSecrets.remember("campus-password-" + UUID.randomUUID());
        Api.Reply changed = first.api().post("/api/v1/session/password", Json.createObjectBuilder()
                .add("currentPassword", "initial-password-1").add("newPassword", password).build().toString());
        assertEquals(204, changed.status(), changed::toString);
        return People.enrolMfa(first);
    }

    private static long sessionsOfCampusPeople() throws Exception {
        return TestDatabase.count("SELECT COUNT(*) FROM escrow.session WHERE via_provider");
    }

    private static URI withQuery(URI uri, String name, String value) {
        String query = Arrays.stream(uri.getRawQuery().split("&"))
                .map(pair -> pair.startsWith(name + "=") ? name + "=" + value : pair).collect(Collectors.joining("&"));
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath() + "?" + query);
    }

    private static String query(URI uri, String name) {
        return Arrays.stream(uri.getRawQuery().split("&")).filter(pair -> pair.startsWith(name + "="))
                .map(pair -> URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8))
                .findFirst().orElseThrow();
    }

    /**
     * A client of the campus instance that follows no redirect and keeps the escrow's cookies (the flow cookie and
     * the session), with a provider login of its own.
     */
    private static final class EscrowClient {

        private final CookieManager cookies;
        private final HttpClient client;
        private final ProviderLogin login = new ProviderLogin();

        EscrowClient() {
            this.cookies = new CookieManager();
            this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }

        /** Starts a campus sign-in and signs in at the provider; returns the provider's answer (the callback). */
        URI signInAtProvider(String username, String password, Supplier<String> code) {
            HttpResponse<String> start = get("/api/v1/session/sso/start");
            assertEquals(303, start.statusCode(), start::body);
            return login.signIn(URI.create(start.headers().firstValue("Location").orElseThrow()), username, password,
                    code);
        }

        /** Starts a campus sign-in and returns a callback URL with its state but no code, for a forged answer. */
        URI startAnswerless() {
            HttpResponse<String> start = get("/api/v1/session/sso/start");
            assertEquals(303, start.statusCode(), start::body);
            URI authorization = URI.create(start.headers().firstValue("Location").orElseThrow());
            return URI.create(campus.baseUri() + "/api/v1/session/sso/callback?state="
                    + query(authorization, "state"));
        }

        /** Brings the provider's answer back; returns where the escrow sends the browser next. */
        URI callback(URI answer) {
            assertTrue(answer.toString().startsWith(campus.baseUri() + "/api/v1/session/sso/callback"),
                    answer::toString);
            HttpResponse<String> response = send(HttpRequest.newBuilder(answer).GET());
            assertEquals(303, response.statusCode(), response::body);
            return URI.create(response.headers().firstValue("Location").orElseThrow());
        }

        HttpResponse<String> get(String path) {
            return send(HttpRequest.newBuilder(campus.baseUri().resolve(path)).GET());
        }

        HttpResponse<String> post(String path, String json) {
            return send(HttpRequest.newBuilder(campus.baseUri().resolve(path)).header("Content-Type",
                    "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
        }

        HttpResponse<String> send(String method, String path, String csrf) {
            HttpRequest.Builder request = HttpRequest.newBuilder(campus.baseUri().resolve(path))
                    .method(method, HttpRequest.BodyPublishers.noBody());
            if (csrf != null) {
                request.header("X-CSRF-Token", csrf);
            }
            return send(request);
        }

        JsonObject session() {
            HttpResponse<String> session = get("/api/v1/session");
            assertEquals(200, session.statusCode(), session::body);
            JsonObject json = Json.createReader(new java.io.StringReader(session.body())).readObject();
            TestSecrets.remember(json.getString("csrfToken"));
            TestSecrets.remember(cookie("escrow_session").getValue());
            return json;
        }

        HttpCookie cookie(String name) {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no cookie " + name));
        }

        /** Holds a cookie another client saw, as one that replays it would. */
        void add(HttpCookie cookie) {
            cookies.getCookieStore().add(campus.baseUri(), cookie);
        }

        private HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return client.send(request.timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new AssertionError("The campus instance cannot be reached", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
