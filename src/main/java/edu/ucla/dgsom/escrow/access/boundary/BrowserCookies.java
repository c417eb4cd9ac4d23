package edu.ucla.dgsom.escrow.access.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import java.time.Duration;
import java.time.Instant;

/**
 * The cookies the escrow gives a browser: HttpOnly, Path=/, no Domain; over TLS Secure and named with the
 * {@code __Host-} prefix, so that no subdomain can plant one.
 */
@RequestScoped
public class BrowserCookies {

    @Context
    HttpServletRequest request;

    @Context
    HttpHeaders headers;

    /** A cookie of this request, by its base name, or null when absent or empty. */
    public String read(String name) {
        Cookie cookie = headers.getCookies().get(CallerAuthentication.cookieName(name, request.isSecure()));
        return cookie == null || cookie.getValue().isBlank() ? null : cookie.getValue();
    }

    /** A SameSite=Strict cookie: the session's and the device's. */
    public NewCookie strict(String name, String value, Instant expiresAt) {
        return cookie(name, value, expiresAt, NewCookie.SameSite.STRICT);
    }

    /**
     * A SameSite=Lax cookie: sent along when the campus provider sends the browser back (a top-level GET from
     * another site), never with another site's POST.
     */
    public NewCookie lax(String name, String value, Instant expiresAt) {
        return cookie(name, value, expiresAt, NewCookie.SameSite.LAX);
    }

    /** Tells the browser to drop the cookie. */
    public NewCookie cleared(String name) {
        return strict(name, "", Instant.now());
    }

    private NewCookie cookie(String name, String value, Instant expiresAt, NewCookie.SameSite sameSite) {
        long maxAge = Math.max(0, Duration.between(Instant.now(), expiresAt).toSeconds());
        return new NewCookie.Builder(CallerAuthentication.cookieName(name, request.isSecure())).value(value)
                .path("/").httpOnly(true).secure(request.isSecure()).sameSite(sameSite).maxAge((int) maxAge).build();
    }
}
