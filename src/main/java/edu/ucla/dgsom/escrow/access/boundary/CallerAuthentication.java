package edu.ucla.dgsom.escrow.access.boundary;

import edu.ucla.dgsom.escrow.access.control.Identities;
import edu.ucla.dgsom.escrow.persistence.Deadlocks;
import edu.ucla.dgsom.escrow.problems.RequestId;
import edu.ucla.dgsom.escrow.security.Caller;
import edu.ucla.dgsom.escrow.security.Identity;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;

/**
 * Establishes the {@link Caller} of every API request from its bearer token or session cookie. An unknown, expired or
 * revoked credential leaves the caller anonymous; {@link AccessPolicy} then decides. Stateless: the database says
 * who holds what, so any instance can serve any request.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class CallerAuthentication implements ContainerRequestFilter {

    public static final String SESSION_COOKIE = "escrow_session";
    /** Browsers accept a cookie so named only if it is Secure, has Path=/ and no Domain: no subdomain can plant it. */
    private static final String HOST_PREFIX = "__Host-";
    private static final String BEARER = "Bearer ";

    @Inject
    Caller caller;

    @Inject
    Identities identities;

    @Context
    HttpServletRequest request;

    /**
     * The name of a cookie of this service: over TLS (directly or at a trusted proxy) with the {@code __Host-} prefix,
     * over plain HTTP (development on 127.0.0.1) without it, since a browser refuses such a cookie there.
     */
    public static String cookieName(String name, boolean secure) {
        return secure ? HOST_PREFIX + name : name;
    }

    @Override
    public void filter(ContainerRequestContext context) {
        caller.network(request.getRemoteAddr(), RequestId.of(request));
        String authorization = context.getHeaderString(HttpHeaders.AUTHORIZATION);
        Optional<Identity> identity = Optional.empty();
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String token = authorization.substring(BEARER.length()).trim();
            identity = Deadlocks.retried(() -> identities.fromApiToken(token));
        } else {
            Cookie session = context.getCookies().get(cookieName(SESSION_COOKIE, request.isSecure()));
            if (session != null && !session.getValue().isBlank()) {
                // Touching a session writes: two requests of one session on two cluster nodes can conflict.
                identity = Deadlocks.retried(() -> identities.fromSession(session.getValue()));
            }
        }
        identity.ifPresent(caller::establish);
    }
}
