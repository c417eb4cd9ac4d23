package edu.ucla.dgsom.escrow.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Presents every later layer with the request's real client address and scheme, as {@link ClientOrigin} decides them
 * from {@code escrow.http.trusted-proxies}: {@code getRemoteAddr()}, {@code isSecure()} and {@code getScheme()} of
 * the request answer for the client, not for the load balancer. The audit trail, the sign-in throttles, the session
 * cookie's name and HSTS all ask these.
 */
public class ClientOriginFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private transient ClientOrigin origins;

    @Override
    public void init() {
        origins = new ClientOrigin(ConfigProvider.getConfig()
                .getOptionalValues("escrow.http.trusted-proxies", String.class).orElse(List.of()));
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        ClientOrigin.Origin origin = origins.resolve(request.getRemoteAddr(), request.isSecure(),
                values(request, "Forwarded"), values(request, "X-Forwarded-For"), values(request, "X-Forwarded-Proto"));
        chain.doFilter(new HttpServletRequestWrapper(request) {

            @Override
            public String getRemoteAddr() {
                return origin.address();
            }

            @Override
            public String getRemoteHost() {
                return origin.address();
            }

            @Override
            public boolean isSecure() {
                return origin.secure();
            }

            @Override
            public String getScheme() {
                return origin.secure() ? "https" : "http";
            }
        }, response);
    }

    private static List<String> values(HttpServletRequest request, String header) {
        return Collections.list(request.getHeaders(header));
    }
}
