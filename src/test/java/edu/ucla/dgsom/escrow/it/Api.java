package edu.ucla.dgsom.escrow.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A plain HTTP client for black-box tests: what goes over the wire is exactly what a caller would send. */
public final class Api {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;
    private final List<String> headers = new ArrayList<>();

    private Api(URI base) {
        this.base = base;
    }

    public static Api live() {
        return new Api(LiveService.baseUri());
    }

    /** Another service than the run's, e.g. a second installation a test starts itself. */
    public static Api at(URI base) {
        return new Api(base);
    }

    /** The management listener, where monitoring reads the metrics. */
    public static Api management() {
        return new Api(LiveService.managementUri());
    }

    /** As DGIT's bootstrap API token. */
    public static Api admin() {
        return live().bearer(LiveService.ADMIN_TOKEN);
    }

    /** A query parameter value, URL-encoded. */
    public static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The same caller, with the same headers, at another instance of the service. */
    public Api onInstance(URI instance) {
        Api copy = new Api(instance);
        copy.headers.addAll(headers);
        return copy;
    }

    public Api bearer(String token) {
        return with("Authorization", "Bearer " + token);
    }

    /** A copy that sends this header with every request. */
    public Api with(String name, String value) {
        Api copy = new Api(base);
        copy.headers.addAll(headers);
        copy.headers.add(name);
        copy.headers.add(value);
        return copy;
    }

    /** The headers this client sends with every request, in order. */
    public java.util.Map<String, String> headers() {
        java.util.Map<String, String> all = new java.util.LinkedHashMap<>();
        for (int i = 0; i < headers.size(); i += 2) {
            all.put(headers.get(i), headers.get(i + 1));
        }
        return all;
    }

    public Reply get(String path, String... headerPairs) {
        return send(request(path, headerPairs).GET());
    }

    public Reply delete(String path, String... headerPairs) {
        return send(request(path, headerPairs).DELETE());
    }

    public Reply post(String path, String body, String... headerPairs) {
        return send(request(path, headerPairs).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Any method, body and headers (including the content type), exactly as given. */
    public Reply send(String method, String path, String body, String... headerPairs) {
        return send(request(path, headerPairs).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A copy that no longer sends the named header, e.g. to send a different one in its place. */
    public Api without(String name) {
        Api copy = new Api(base);
        for (int i = 0; i < headers.size(); i += 2) {
            if (!headers.get(i).equalsIgnoreCase(name)) {
                copy.headers.add(headers.get(i));
                copy.headers.add(headers.get(i + 1));
            }
        }
        return copy;
    }

    /** Any method with a body of raw bytes (e.g. invalid UTF-8), and headers exactly as given. */
    public Reply sendBytes(String method, String path, byte[] body, String... headerPairs) {
        return send(request(path, headerPairs).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** A POST of a JSON body whose answer is binary, e.g. an OpenPGP message: the raw bytes. */
    public HttpResponse<byte[]> postForBytes(String path, String body, String... headerPairs) {
        try {
            return CLIENT.send(request(path, headerPairs).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("HTTP request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path, String... headerPairs) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(120));
        for (int i = 0; i < headers.size(); i += 2) {
            builder.header(headers.get(i), headers.get(i + 1));
        }
        for (int i = 0; i < headerPairs.length; i += 2) {
            builder.header(headerPairs[i], headerPairs[i + 1]);
        }
        return builder;
    }

    private static Reply send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response);
        } catch (IOException e) {
            throw new IllegalStateException("HTTP request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response, with helpers for JSON and headers. */
    public record Reply(HttpResponse<String> response) {

        public int status() {
            return response.statusCode();
        }

        public String body() {
            return response.body();
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        public JsonObject json() {
            return (JsonObject) parse();
        }

        public JsonStructure parse() {
            try (var reader = Json.createReader(new StringReader(response.body()))) {
                return reader.read();
            }
        }

        @Override
        public String toString() {
            return response.statusCode() + " " + response.headers().map() + " " + response.body();
        }
    }
}
