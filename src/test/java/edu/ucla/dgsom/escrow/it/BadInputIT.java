package edu.ucla.dgsom.escrow.it;

import static edu.ucla.dgsom.escrow.it.PlatformIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Malformed input of the kinds a fuzz of the API found, each answered with a 4xx problem document: never a 5xx,
 * never a bare container error, never stored.
 */
@ExtendWith(LiveService.class)
class BadInputIT {

    @Test
    void concurrent_sign_ins_for_one_username_are_answered_201_401_or_429_never_5xx() throws Exception {
        String username = "racer-" + suffix();
        String password = TestSecrets.remember("racing-password-" + UUID.randomUUID());
        People.createPerson(People.createDepartment("RCE" + suffix()), username, password);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 4; round++) {
                String address = "198.51.100." + (10 + round);
                List<Future<Api.Reply>> replies = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    String tried = (round + i) % 2 == 0 ? password : "wrong-" + i;
                    replies.add(pool.submit(() -> Api.live().with("X-Forwarded-For", address).post("/api/v1/session",
                            Json.createObjectBuilder().add("username", username).add("password", tried).build()
                                    .toString())));
                }
                for (Future<Api.Reply> reply : replies) {
                    Api.Reply answer = reply.get();
                    assertTrue(List.of(201, 401, 429).contains(answer.status()), answer::toString);
                    if (answer.status() == 201) {
                        TestSecrets.remember(answer.json().getString("csrfToken"));
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void an_account_id_of_120_characters_is_not_found_and_its_refusal_is_audited_with_the_id_cut_to_the_column()
            throws Exception {
        String id = "x".repeat(120);
        String requestId = "long-id-" + UUID.randomUUID();
        Api.Reply reply = People.admin().get("/api/v1/accounts/" + id, "X-Request-Id", requestId);
        assertProblem(reply, 404, "not-found");
        assertEquals(1, TestDatabase.auditCount("request_id = '" + requestId + "' AND target_id = '"
                + "x".repeat(64) + "'"), "the refusal is audited with the id cut to 64 characters");
    }

    @Test
    void a_patch_to_a_path_that_climbs_out_of_the_api_is_a_not_found_problem() throws Exception {
        Raw reply = raw("PATCH /api/v1/accounts/../../etc/passwd HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
        reply.assertProblem(404, "not-found");
    }

    @Test
    void a_json_array_where_an_object_is_expected_is_a_malformed_request() {
        String code = "ARR" + suffix();
        Api.Reply reply = People.admin().post("/api/v1/departments", "[{\"code\":\"" + code + "\",\"name\":\"n\"}]");
        assertProblem(reply, 400, "malformed-request");
        assertEquals("request", reply.json().getJsonArray("errors").getJsonObject(0).getString("field"), reply::body);
        assertNotStored(code);
    }

    @Test
    void numbers_in_text_fields_are_refused_naming_the_field() {
        for (String number : List.of("1e400", "9223372036854775808", "42", "true")) {
            Api.Reply reply = People.admin().post("/api/v1/departments", "{\"code\":" + number
                    + ",\"name\":\"Department of numbers\"}");
            assertProblem(reply, 400, "malformed-request");
            assertEquals("code", reply.json().getJsonArray("errors").getJsonObject(0).getString("field"),
                    reply::toString);
        }
        assertNotStored("1E400");
        assertNotStored("1e400");
    }

    @Test
    void a_duplicate_key_is_refused_naming_the_field() {
        String code = "DUP" + suffix();
        Api.Reply reply = People.admin().post("/api/v1/departments", "{\"code\":\"" + code + "\",\"name\":\"a\","
                + "\"name\":\"b\"}");
        assertProblem(reply, 400, "malformed-request");
        assertEquals("name", reply.json().getJsonArray("errors").getJsonObject(0).getString("field"),
                reply::toString);
        assertNotStored(code);
    }

    @Test
    void invalid_utf8_in_a_body_is_a_malformed_request() throws Exception {
        String code = "UTF" + suffix();
        byte[] head = ("{\"code\":\"" + code + "\",\"name\":\"bad ").getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + 4];
        System.arraycopy(head, 0, body, 0, head.length);
        body[head.length] = (byte) 0xC3;
        body[head.length + 1] = (byte) 0x28;
        body[head.length + 2] = '"';
        body[head.length + 3] = '}';
        Raw reply = raw(People.admin(), "POST", "/api/v1/departments", body);
        reply.assertProblem(400, "malformed-request");
        assertTrue(reply.body().contains("\"field\":\"request\""), reply.body());
        assertNotStored(code);
    }

    @Test
    void audit_query_parameters_out_of_range_are_validation_problems_naming_the_parameter() {
        for (String query : List.of("before=-1", "before=0", "before=abc", "limit=abc", "from=-1",
                "from=%2B999999999-01-01T00:00:00Z", "to=-1")) {
            Api.Reply reply = People.admin().get("/api/v1/audit/events?" + query);
            assertProblem(reply, 400, "validation-failed");
            String parameter = query.substring(0, query.indexOf('='));
            assertEquals(parameter, reply.json().getJsonArray("errors").getJsonObject(0).getString("field"),
                    query);
        }
    }

    @Test
    void an_offboarding_effective_in_a_year_the_database_cannot_hold_is_a_validation_problem() throws Exception {
        String personId = People.createPerson(People.createDepartment("FAR" + suffix()), "far-" + suffix()
                .toLowerCase(Locale.ROOT), TestSecrets.remember("far-future-password-" + UUID.randomUUID()));
        String employeeId = People.admin().get("/api/v1/people/" + personId).json().getString("employeeId");
        Api.Reply reply = People.admin().post("/api/v1/offboardings", Json.createObjectBuilder()
                .add("employeeId", employeeId).add("effectiveAt", "+999999999-01-01T00:00:00Z").build().toString());
        assertProblem(reply, 400, "validation-failed");
        assertEquals("effectiveAt", reply.json().getJsonArray("errors").getJsonObject(0).getString("field"));
        assertEquals(0, TestDatabase.count("SELECT COUNT(*) FROM offboarding_case WHERE person_id = '" + personId
                + "'"));
    }

    @Test
    void a_16_kilobyte_header_is_a_problem_document() throws Exception {
        raw("GET /api/v1/session HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "p".repeat(16 * 1024)
                + "\r\nConnection: close\r\n\r\n").assertProblem(431, "request-header-fields-too-large");
    }

    @Test
    void a_bearer_token_of_8000_characters_is_an_unauthenticated_problem() throws Exception {
        raw("GET /api/v1/session HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + "t".repeat(8000)
                + "\r\nConnection: close\r\n\r\n").assertProblem(401, "unauthenticated");
    }

    /**
     * Payara rejects a header value with a byte outside RFC 9110's field-value (FISH-9690) and a path with %00
     * ("Invalid URI") in its connector (CoyoteAdapter), before any filter or error page of the application runs: the
     * answer is a bare 400 the service cannot turn into a problem document (docs/problems.md). This pins what it is.
     */
    @Test
    void a_non_ascii_byte_in_the_csrf_header_and_a_nul_in_the_path_are_refused_by_the_connector_with_400()
            throws Exception {
        byte[] request = ("POST /api/v1/departments HTTP/1.1\r\nHost: localhost\r\nX-CSRF-Token: abc\u00ff\r\n"
                + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(400, raw(request).status());
        assertEquals(400, raw("GET /api/v1/accounts/%00 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .status());
    }

    private static void assertNotStored(String code) {
        try {
            assertEquals(0, TestDatabase.count("SELECT COUNT(*) FROM department WHERE UPPER(code) = '"
                    + code.toUpperCase(Locale.ROOT) + "'"), "nothing stored for " + code);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT);
    }

    /** A request as the admin person, with a body of raw bytes. */
    static Raw raw(Api as, String method, String path, byte[] body) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n");
        as.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length)
                .append("\r\nConnection: close\r\n\r\n");
        request.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        request.write(body);
        return raw(request.toByteArray());
    }

    static Raw raw(String request) throws IOException {
        return raw(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends bytes exactly as given, so that nothing on the client side normalises or refuses them. */
    static Raw raw(byte[] request) throws IOException {
        try (Socket socket = new Socket(LiveService.baseUri().getHost(), LiveService.baseUri().getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Raw.of(response);
        }
    }

    /** A raw HTTP/1.1 response. */
    record Raw(int status, String headers, String body) {

        static Raw of(String response) {
            int end = response.indexOf("\r\n\r\n");
            String headers = end < 0 ? response : response.substring(0, end);
            String body = end < 0 ? "" : response.substring(end + 4);
            if (headers.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
                body = unchunk(body);
            }
            return new Raw(Integer.parseInt(headers.substring(9, 12)), headers, body);
        }

        private static String unchunk(String chunked) {
            StringBuilder body = new StringBuilder();
            int at = 0;
            while (at < chunked.length()) {
                int line = chunked.indexOf("\r\n", at);
                int size = Integer.parseInt(chunked.substring(at, line).trim(), 16);
                if (size == 0) {
                    break;
                }
                body.append(chunked, line + 2, line + 2 + size);
                at = line + 2 + size + 2;
            }
            return body.toString();
        }

        void assertProblemShape() {
            assertTrue(headers.toLowerCase(Locale.ROOT).contains("content-type: application/problem+json"),
                    this::toString);
            JsonObject problem = Json.createReader(new java.io.StringReader(body)).readObject();
            assertEquals(status, problem.getInt("status"), this::toString);
        }

        void assertProblem(int expected, String type) {
            assertEquals(expected, status, this::toString);
            assertProblemShape();
            JsonObject problem = Json.createReader(new java.io.StringReader(body)).readObject();
            assertEquals("https://escrow.dgit.dgsom.ucla.edu/problems/" + type, problem.getString("type"),
                    this::toString);
        }
    }
}
