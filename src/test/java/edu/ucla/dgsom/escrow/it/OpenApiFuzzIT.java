package edu.ucla.dgsom.escrow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The negative-input test: every operation of the served OpenAPI document gets bounded, seeded malformed input
 * (wrong JSON types per field, arrays, null, strings and numbers as bodies, huge strings, deep nesting, invalid
 * UTF-8, duplicate keys, bad path ids, bad query parameters, bad headers), as the DGIT admin person and as a DGIT
 * token. Every answer must be a 4xx problem document (SCIM's error format under SCIM's paths), never a 5xx and never
 * a success for a change, and nothing may be stored. The seed is printed; repeat a run with {@code -Dfuzz.seed=N}.
 * Only invalid input is sent: operations that take neither a body nor a path id and change state (signing out,
 * verifying the audit chain) are left out, since no input of theirs can be malformed.
 */
@ExtendWith(LiveService.class)
class OpenApiFuzzIT {

    private static final long DEFAULT_SEED = 20_261_202L;
    private static final int CASES_PER_OPERATION = 24;
    private static final List<String> TABLES = List.of("person", "department", "official_account",
            "credential_version", "api_token", "role_grant", "offboarding_case", "sign_in", "key_rotation");
    /**
     * Payara's HTTP connector refuses a path (not a query) with %00 or with bytes that are not UTF-8 by itself, with
     * a bare 400, before any part of the application runs (docs/problems.md): for these only the status is asserted.
     */
    private static final String SCIM_ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    private static final List<String> REFUSED_BY_THE_CONNECTOR = List.of("%00", "%FF");
    private static final List<String> BAD_IDS = List.of("x".repeat(150), "%00", "a%00b",
            "..%2F..%2Fetc%2Fpasswd", "%2E%2E",
            "%FF%FE", "%27%20OR%201%3D1%20--", "-1", "1e400", "9223372036854775808", "%E2%80%AE%20", "null",
            "%7B%7D", UUID.randomUUID() + "%20");
    private static final List<String> BAD_QUERY_VALUES = List.of("-1", "0", "1e400", "9223372036854775808", "abc",
            "x".repeat(3000), "2026-13-45T99:99:99Z", "%2B999999999-01-01T00:00:00Z", "%5B%5D", "%FF", "");

    @Test
    void no_malformed_request_to_any_operation_gets_a_server_error_or_a_bare_error_or_stores_anything()
            throws Exception {
        long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
        System.out.println("OpenApiFuzzIT seed " + seed + " (repeat with -Dfuzz.seed=" + seed + ")");
        Random random = new Random(seed);
        JsonObject openApi = Api.live().get("/openapi", "Accept", "application/json").json();
        Map<String, Api> callers = new LinkedHashMap<>();
        callers.put("admin person", People.admin());
        callers.put("DGIT token", Api.live().bearer(People.token("DGIT_ADMIN")));
        Map<String, Long> before = counts();
        List<String> failures = new ArrayList<>();
        int sent = 0;
        long started = System.nanoTime();
        for (Map.Entry<String, JsonValue> path : openApi.getJsonObject("paths").entrySet()) {
            for (Map.Entry<String, JsonValue> method : path.getValue().asJsonObject().entrySet()) {
                String verb = method.getKey().toUpperCase(Locale.ROOT);
                if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(verb)) {
                    continue;
                }
                Operation operation = Operation.of(openApi, path.getKey(), verb, method.getValue().asJsonObject());
                if (!operation.canBeMalformed()) {
                    continue;
                }
                for (Map.Entry<String, Api> caller : callers.entrySet()) {
                    for (int i = 0; i < CASES_PER_OPERATION; i++) {
                        Case request = operation.malformed(random);
                        Api.Reply reply = request.send(caller.getValue());
                        sent++;
                        String failure = judge(operation, request, reply);
                        if (failure != null) {
                            failures.add(caller.getKey() + ": " + verb + " " + request.path() + " [" + request.kind()
                                    + "] -> " + failure);
                        }
                    }
                }
            }
        }
        System.out.printf("OpenApiFuzzIT sent %d requests in %d ms%n", sent, (System.nanoTime() - started) / 1_000_000);
        assertTrue(failures.isEmpty(), failures.size() + " of " + sent + " requests (seed " + seed + "):\n"
                + String.join("\n", failures.subList(0, Math.min(100, failures.size()))));
        assertEquals(before, counts(), "the malformed requests stored nothing (seed " + seed + ")");
    }

    /** Why the reply is wrong, or null. */
    private static String judge(Operation operation, Case request, Api.Reply reply) {
        int status = reply.status();
        if (status >= 500) {
            return "server error " + status + " " + reply.body();
        }
        if (status < 400) {
            return operation.verb().equals("GET") ? null : "a change succeeded with malformed input: " + status;
        }
        // Only in the path: a query's bytes reach the application, which answers as for any other value.
        String pathOnly = request.path().split("\\?", 2)[0];
        if (REFUSED_BY_THE_CONNECTOR.stream().anyMatch(pathOnly::contains)) {
            return status == 400 ? null : "the connector's refusal is not a 400: " + status;
        }
        String type = String.valueOf(reply.contentType());
        boolean scim = request.path().contains("/scim/v2");
        String expected = scim ? "application/scim+json" : "application/problem+json";
        if (!type.startsWith(expected)) {
            return "not " + expected + ": " + status + " " + type + " " + reply.body();
        }
        try {
            JsonObject body = Json.createReader(new StringReader(reply.body())).readObject();
            if (scim && !(body.getJsonArray("schemas").getString(0).equals(SCIM_ERROR)
                    && body.get("status").getValueType() == JsonValue.ValueType.STRING)) {
                return "not a SCIM error (RFC 7644, section 3.12): " + reply.body();
            }
            int said = scim ? Integer.parseInt(body.getString("status")) : body.getInt("status");
            return said == status ? null : "the body's status " + said + " is not the response's " + status;
        } catch (RuntimeException e) {
            return "no JSON body with a status: " + status + " " + reply.body();
        }
    }

    private static Map<String, Long> counts() throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, TestDatabase.count("SELECT COUNT(*) FROM " + table));
        }
        return counts;
    }

    /** One operation of the document: its path template, parameters and request body's fields. */
    private record Operation(String template, String verb, List<String> pathParameters, List<String> queryParameters,
            String mediaType, Map<String, String> fields) {

        static Operation of(JsonObject openApi, String template, String verb, JsonObject operation) {
            List<String> pathParameters = new ArrayList<>();
            List<String> queryParameters = new ArrayList<>();
            for (JsonValue parameter : operation.getJsonArray("parameters") == null ? List.<JsonValue>of()
                    : operation.getJsonArray("parameters")) {
                JsonObject p = parameter.asJsonObject();
                if ("path".equals(p.getString("in", ""))) {
                    pathParameters.add(p.getString("name"));
                } else if ("query".equals(p.getString("in", ""))) {
                    queryParameters.add(p.getString("name"));
                }
            }
            String mediaType = null;
            Map<String, String> fields = new LinkedHashMap<>();
            JsonObject body = operation.getJsonObject("requestBody");
            if (body != null && body.getJsonObject("content") != null && !body.getJsonObject("content").isEmpty()) {
                Map.Entry<String, JsonValue> content = body.getJsonObject("content").entrySet().iterator().next();
                mediaType = content.getKey().equals("*/*") ? "application/json" : content.getKey();
                JsonObject schema = resolve(openApi, content.getValue().asJsonObject().getJsonObject("schema"));
                if (schema != null && schema.getJsonObject("properties") != null) {
                    schema.getJsonObject("properties").forEach((name, property) -> {
                        JsonObject resolved = resolve(openApi, property.asJsonObject());
                        fields.put(name, resolved == null ? "object" : resolved.getString("type", "object"));
                    });
                }
            }
            return new Operation(template, verb, pathParameters, queryParameters, mediaType, fields);
        }

        private static JsonObject resolve(JsonObject openApi, JsonObject schema) {
            if (schema == null || !schema.containsKey("$ref")) {
                return schema;
            }
            String name = schema.getString("$ref").substring("#/components/schemas/".length());
            return openApi.getJsonObject("components").getJsonObject("schemas").getJsonObject(name);
        }

        /** False for a change that takes nothing a caller could get wrong: any request to it would be valid. */
        boolean canBeMalformed() {
            return verb.equals("GET") || !pathParameters.isEmpty() || mediaType != null;
        }

        boolean scim() {
            return template.contains("/scim/v2");
        }

        /** A request with one kind of malformed input; any path id is malformed too where the change has one. */
        Case malformed(Random random) {
            List<String> kinds = new ArrayList<>(List.of("path id", "header"));
            if (!queryParameters.isEmpty()) {
                kinds.add("query");
            }
            if (mediaType != null) {
                kinds.addAll(List.of("body kind", "field type", "huge", "nesting", "utf-8", "duplicate key",
                        "content type"));
                if (!fields.isEmpty() && !scim()) {
                    kinds.add("long field");
                }
            }
            if (!verb.equals("GET") && mediaType == null) {
                kinds.remove("header");
            }
            String kind = kinds.get(random.nextInt(kinds.size()));
            String id = kind.equals("path id") || !verb.equals("GET") ? pick(random, BAD_IDS)
                    : UUID.randomUUID().toString();
            String path = template;
            for (String parameter : pathParameters) {
                path = path.replace("{" + parameter + "}", id);
            }
            String query = "";
            if (kind.equals("query")) {
                query = "?" + pick(random, queryParameters) + "=" + pick(random, BAD_QUERY_VALUES);
            }
            List<String> headers = new ArrayList<>();
            byte[] body = null;
            String contentType = mediaType;
            if (mediaType != null) {
                body = body(kind, random);
            }
            if (kind.equals("header")) {
                headers.addAll(pickHeader(random));
            }
            if (kind.equals("content type")) {
                contentType = pick(random, List.of("text/plain", "application/xml", "application/json; charset=latin1",
                        "multipart/form-data"));
            }
            return new Case(kind, path + query, verb, contentType, body, headers);
        }

        private byte[] body(String kind, Random random) {
            String field = fields.isEmpty() ? "name" : pick(random, new ArrayList<>(fields.keySet()));
            String json = switch (kind) {
                case "body kind" -> pick(random, List.of("[]", "[{}]", "null", "\"text\"", "42", "1e400", "true",
                        "", "{", "{\"" + field + "\":}"));
                case "field type" -> "{\"" + field + "\":" + wrongFor(fields.getOrDefault(field, "object"), random)
                        + "}";
                case "huge" -> "{\"" + field + "\":\"" + "h".repeat(70_000) + "\"}";
                case "nesting" -> "{\"" + field + "\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
                case "duplicate key" -> "{\"" + field + "\":42,\"" + field + "\":43}";
                case "long field" -> "{\"" + field + "\":\"" + "l".repeat(10_000) + "\",\"fuzzUnknownField\":1}";
                default -> "{\"" + field + "\":\"ok\",\"fuzzUnknownField\":true}";
            };
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            if (kind.equals("utf-8")) {
                byte[] bad = ("{\"" + field + "\":\"\u0000bad ").getBytes(StandardCharsets.UTF_8);
                byte[] withInvalid = new byte[bad.length + 4];
                System.arraycopy(bad, 0, withInvalid, 0, bad.length);
                withInvalid[bad.length] = (byte) 0xC3;
                withInvalid[bad.length + 1] = (byte) 0x28;
                withInvalid[bad.length + 2] = '"';
                withInvalid[bad.length + 3] = '}';
                return withInvalid;
            }
            return bytes;
        }

        private static String wrongFor(String type, Random random) {
            return switch (type) {
                case "string" -> pick(random, List.of("12345", "9223372036854775808", "1e400", "true", "[]", "{}",
                        "[\"a\"]"));
                case "integer", "number" -> pick(random, List.of("\"12\"", "1e400", "9223372036854775808", "1.5",
                        "[]", "true"));
                case "boolean" -> pick(random, List.of("\"true\"", "1", "[]", "{}"));
                case "array" -> pick(random, List.of("\"a\"", "42", "{}", "[[[]]]", "[1e400]"));
                default -> pick(random, List.of("\"a\"", "42", "[]", "true"));
            };
        }

        private static List<String> pickHeader(Random random) {
            return switch (random.nextInt(6)) {
                case 0 -> List.of("X-CSRF-Token", "esc_c_not-the-sessions-token");
                case 1 -> List.of("Authorization", "Bearer " + "t".repeat(8000));
                case 2 -> List.of("X-Fuzz-Padding", "p".repeat(20_000));
                case 3 -> List.of("If-Match", "\"" + "9".repeat(40) + "\"");
                case 4 -> List.of("Accept", "application/xml");
                default -> List.of("Authorization", "Basic " + "%00");
            };
        }

        private static <T> T pick(Random random, List<T> values) {
            return values.get(random.nextInt(values.size()));
        }
    }

    /** One malformed request. */
    private record Case(String kind, String path, String verb, String contentType, byte[] body, List<String> headers) {

        Api.Reply send(Api caller) {
            List<String> pairs = new ArrayList<>(headers);
            if (contentType != null) {
                pairs.add("Content-Type");
                pairs.add(contentType);
            }
            Api as = caller;
            // A header that replaces one the caller sends (its token or CSRF token) replaces it rather than adds one.
            if (headers.contains("Authorization") || headers.contains("X-CSRF-Token")) {
                as = caller.without(headers.get(0));
            }
            return as.sendBytes(verb, path, body, pairs.toArray(String[]::new));
        }
    }
}
