package edu.ucla.dgsom.escrow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The platform's HTTP conventions, health, OpenAPI and persistence, over real HTTP against the real server. */
@ExtendWith(LiveService.class)
class PlatformIT {

    private final Api api = Api.live();

    @Test
    void installationIsServedFromTheMigratedDatabase() {
        Api.Reply reply = api.get("/api/v1/installation");
        assertEquals(200, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/json"));
        assertEquals(36, reply.json().getString("id").length());
        assertNotNull(reply.json().getString("createdAt"));
    }

    @Test
    void unknownPathUnderTheApiIsAProblemDocument() {
        Api.Reply reply = api.get("/api/v1/no-such-thing");
        assertProblem(reply, 404, "not-found");
        assertEquals("/api/v1/no-such-thing", reply.json().getString("instance"));
    }

    @Test
    void unknownPathOutsideTheJaxRsApplicationIsAProblemDocumentToo() {
        assertProblem(api.get("/api/v2/anything"), 404, "not-found");
        assertProblem(api.get("/no-such-page"), 404, "not-found");
    }

    @Test
    void wrongMethodIsAProblemDocumentNamingTheAllowedMethods() {
        Api.Reply reply = api.send("DELETE", "/api/v1/installation", null);
        assertProblem(reply, 405, "method-not-allowed");
        assertTrue(reply.json().getString("detail").contains("GET"), reply::toString);
    }

    @Test
    void unacceptableMediaTypeIsAProblemDocument() {
        assertProblem(api.get("/api/v1/installation", "Accept", "text/csv"), 406, "not-acceptable");
    }

    @Test
    void malformedJsonIsAProblemDocumentWithoutTheParsersMessage() {
        Api.Reply reply = People.admin().post("/api/v1/keys/rotations", "{\"reason\": \"hunter2");
        assertProblem(reply, 400, "malformed-request");
        assertFalse(reply.body().contains("hunter2"), reply::body);
    }

    @Test
    void unknownJsonPropertyIsRefused() {
        assertProblem(People.admin().post("/api/v1/keys/rotations", "{\"reason\":\"long enough reason\",\"force\":true}"),
                400, "malformed-request");
    }

    @Test
    void invalidFieldsAreNamed() {
        Api.Reply reply = People.admin().post("/api/v1/keys/rotations", "{\"reason\":\"short\"}");
        assertProblem(reply, 400, "validation-failed");
        assertEquals("reason", reply.json().getJsonArray("errors").getJsonObject(0).getString("field"), reply::body);
        assertProblem(People.admin().post("/api/v1/keys/rotations", ""), 400, "malformed-request");
    }

    @Test
    void wrongContentTypeIsAProblemDocument() {
        assertProblem(People.admin().send("POST", "/api/v1/keys/rotations", "reason=x", "Content-Type", "text/plain"), 415,
                "unsupported-media-type");
    }

    @Test
    void requestIdIsEchoedWhenSaneAndGeneratedOtherwise() {
        Api.Reply echoed = api.get("/api/v1/no-such-thing", "X-Request-Id", "caller-trace-0001");
        assertEquals("caller-trace-0001", echoed.header("X-Request-Id"));
        assertEquals("caller-trace-0001", echoed.json().getString("requestId"));

        Api.Reply replaced = api.get("/api/v1/installation", "X-Request-Id", "bad id <script>");
        assertNotEquals("bad id <script>", replaced.header("X-Request-Id"));
        assertTrue(replaced.header("X-Request-Id").matches("[0-9a-f-]{36}"));

        assertNotNull(api.get("/api/v1/installation").header("X-Request-Id"));
    }

    @Test
    void requestIdAppearsInTheServerLogLineOfThatRequest() throws Exception {
        String requestId = "log-line-probe-" + System.nanoTime();
        api.get("/api/v1/installation", "X-Request-Id", requestId);
        String log = Files.readString(LiveService.serverLog(), StandardCharsets.UTF_8);
        assertTrue(log.contains("request " + requestId + " GET /api/v1/installation -> 200"),
                "no log line for " + requestId);
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        for (String path : new String[] {"/api/v1/installation", "/api/v1/nothing", "/health/ready", "/nothing"}) {
            Api.Reply reply = api.get(path);
            assertEquals("no-store", reply.header("Cache-Control"), path);
            assertEquals("nosniff", reply.header("X-Content-Type-Options"), path);
            assertEquals("DENY", reply.header("X-Frame-Options"), path);
            assertTrue(reply.header("Content-Security-Policy").contains("default-src 'none'"), path);
            assertNotNull(reply.header("X-Request-Id"), path);
        }
    }

    @Test
    void healthAndOpenApiAreServedAndMetricsOnlyOnTheManagementListener() {
        Api.Reply ready = api.get("/health/ready");
        assertEquals(200, ready.status(), ready::toString);
        assertEquals("UP", ready.json().getString("status"));
        assertEquals(200, api.get("/health/live").status());

        Api.Reply openApi = api.get("/openapi", "Accept", "application/json");
        assertEquals(200, openApi.status());
        JsonObject paths = openApi.json().getJsonObject("paths");
        assertTrue(paths.containsKey("/api/v1/installation"), openApi::body);
        assertTrue(openApi.json().getJsonObject("components").getJsonObject("schemas").containsKey("Problem"),
                "the Problem schema is documented");
        JsonObject schemes = openApi.json().getJsonObject("components").getJsonObject("securitySchemes");
        assertEquals("bearer", schemes.getJsonObject("apiToken").getString("scheme"));
        assertEquals("X-CSRF-Token", schemes.getJsonObject("csrf").getString("name"));
        assertEquals("cookie", schemes.getJsonObject("session").getString("in"));
        JsonObject created = paths.getJsonObject("/api/v1/accounts").getJsonObject("post")
                .getJsonObject("responses").getJsonObject("201");
        assertTrue(created.getJsonObject("headers").containsKey("Location"), created::toString);
        JsonObject rotated = paths.getJsonObject("/api/v1/accounts/{id}/credentials").getJsonObject("put")
                .getJsonObject("responses").getJsonObject("201");
        assertTrue(rotated.getJsonObject("headers").containsKey("ETag"), rotated::toString);
        assertTrue(rotated.getJsonObject("headers").containsKey("Location"), rotated::toString);

        Api.Reply metrics = api.get("/metrics");
        assertNotEquals(200, metrics.status(), metrics::toString);
        assertFalse(metrics.body().contains("mp_scope"), "no metric reaches a caller of the service's listener");
        Api.Reply management = Api.management().get("/metrics");
        assertEquals(200, management.status(), management::toString);
        assertTrue(management.body().contains("mp_scope=\"base\""), "the JVM's metrics, for monitoring");
    }

    @Test
    void scimBodiesAreDescribedAsScimUsersListsAndPatchOperations() {
        JsonObject paths = api.get("/openapi", "Accept", "application/json").json().getJsonObject("paths");
        JsonObject users = paths.getJsonObject("/scim/v2/Users");
        JsonObject user = paths.getJsonObject("/scim/v2/Users/{id}");
        assertEquals("#/components/schemas/ScimListResponse", scimSchema(users.getJsonObject("get"), "200"));
        assertEquals("#/components/schemas/ScimUser", scimSchema(users.getJsonObject("post"), "201"));
        assertEquals("#/components/schemas/ScimUser", scimBody(users.getJsonObject("post")));
        assertEquals("#/components/schemas/ScimUser", scimSchema(user.getJsonObject("get"), "200"));
        assertEquals("#/components/schemas/ScimUser", scimBody(user.getJsonObject("put")));
        assertEquals("#/components/schemas/ScimPatchOp", scimBody(user.getJsonObject("patch")));
        assertEquals("#/components/schemas/ScimUser", scimSchema(user.getJsonObject("patch"), "200"));
    }

    private static String scimSchema(JsonObject operation, String status) {
        return operation.getJsonObject("responses").getJsonObject(status).getJsonObject("content")
                .getJsonObject("application/scim+json").getJsonObject("schema").getString("$ref");
    }

    private static String scimBody(JsonObject operation) {
        return operation.getJsonObject("requestBody").getJsonObject("content").getJsonObject("application/scim+json")
                .getJsonObject("schema").getString("$ref");
    }

    static void assertProblem(Api.Reply reply, int status, String type) {
        assertEquals(status, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
        JsonObject problem = reply.json();
        assertEquals("https://escrow.dgit.dgsom.ucla.edu/problems/" + type, problem.getString("type"));
        assertEquals(status, problem.getInt("status"));
        assertFalse(problem.getString("title").isBlank());
        assertFalse(problem.getString("detail").isBlank());
        assertEquals(reply.header("X-Request-Id"), problem.getString("requestId"));
        assertFalse(reply.body().contains("Exception") || reply.body().contains("\tat "), "no stack trace: " + reply.body());
    }
}
