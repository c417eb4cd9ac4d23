package edu.ucla.dgsom.escrow.it;

import java.io.IOException;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person at the campus provider's (Keycloak's) login pages, without a browser: opens the authorization URL the
 * escrow sent them to, submits username and password and, where the provider asks, a one-time code, and returns
 * where the provider sends them back (the escrow's callback with {@code code} and {@code state}). Cookies of the
 * provider live in this object, as in a browser; the escrow's are the caller's.
 */
final class ProviderLogin {

    private static final Pattern FORM = Pattern.compile("<form[^>]*\\bid=\"(kc-form-login|kc-otp-login-form)\"[^>]*>");
    private static final Pattern ACTION = Pattern.compile("\\baction=\"([^\"]+)\"");

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /**
     * The provider's cookies by name. Kept here rather than in a CookieManager, which withholds Secure cookies over
     * plain HTTP where a browser still sends them to 127.0.0.1 (a potentially trustworthy origin).
     */
    private final Map<String, String> cookies = new LinkedHashMap<>();

    /** Signs in at the provider; {@code code} gives a current one-time code when asked (null: never asked). */
    URI signIn(URI authorization, String username, String password, Supplier<String> code) {
        HttpResponse<String> page = followWithinProvider(get(authorization), authorization);
        Form login = form(page, "kc-form-login");
        HttpResponse<String> answer = followWithinProvider(post(login.action(), Map.of("username", username,
                "password", password, "credentialId", "")), authorization);
        if (answer.statusCode() == 200 && answer.body().contains("kc-otp-login-form")) {
            if (code == null) {
                throw new AssertionError("The provider asks " + username + " for a one-time code");
            }
            Form otp = form(answer, "kc-otp-login-form");
            answer = followWithinProvider(post(otp.action(), Map.of("otp", code.get(), "login", "Sign In")),
                    authorization);
        }
        if (answer.statusCode() != 302 && answer.statusCode() != 303) {
            throw new AssertionError("The provider did not send " + username + " back (" + answer.statusCode()
                    + "): " + snippet(answer.body()));
        }
        return URI.create(answer.headers().firstValue("Location").orElseThrow());
    }

    /** Follows the provider's redirects to its own pages; stops at one that leaves it (the escrow's callback). */
    private HttpResponse<String> followWithinProvider(HttpResponse<String> response, URI provider) {
        HttpResponse<String> current = response;
        for (int hops = 0; hops < 10 && current.statusCode() / 100 == 3; hops++) {
            URI next = current.uri().resolve(current.headers().firstValue("Location").orElseThrow());
            if (next.getPort() != provider.getPort() || !next.getHost().equals(provider.getHost())) {
                return current;
            }
            current = get(next);
        }
        return current;
    }

    private record Form(URI action) {
    }

    private static Form form(HttpResponse<String> page, String id) {
        Matcher tag = FORM.matcher(page.body());
        while (tag.find()) {
            if (tag.group(1).equals(id)) {
                Matcher action = ACTION.matcher(tag.group());
                if (action.find()) {
                    return new Form(page.uri().resolve(action.group(1).replace("&amp;", "&")));
                }
            }
        }
        throw new AssertionError("No form " + id + " on the provider's page (" + page.statusCode() + "): "
                + snippet(page.body()));
    }

    private HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    private HttpResponse<String> post(URI uri, Map<String, String> fields) {
        String body = fields.entrySet().stream().map(f -> URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (String header : response.headers().allValues("Set-Cookie")) {
                for (HttpCookie cookie : HttpCookie.parse(header)) {
                    if (cookie.getMaxAge() == 0 || cookie.getValue().isEmpty()) {
                        cookies.remove(cookie.getName());
                    } else {
                        cookies.put(cookie.getName(), cookie.getValue());
                    }
                }
            }
            return response;
        } catch (IOException e) {
            throw new AssertionError("The provider cannot be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String snippet(String html) {
        String text = html.replaceAll("(?s)<script.*?</script>", "").replaceAll("<[^>]+>", " ")
                .replaceAll("\\s+", " ").strip();
        return text.length() > 400 ? text.substring(0, 400) : text;
    }
}
