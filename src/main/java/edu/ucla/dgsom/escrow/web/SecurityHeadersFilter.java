package edu.ucla.dgsom.escrow.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Headers that keep responses out of caches, frames and content sniffing. Every answer of the API may carry secret
 * material, so none is cacheable anywhere and none may load anything. The browser console's files get a policy that
 * lets them load their own scripts, styles and the API from this origin, and nothing else: no inline script or style,
 * no eval. Its files are revalidated by ETag (its libraries, versioned in their paths, say so themselves).
 */
public class SecurityHeadersFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none';"
            + " form-action 'none'";
    private static final String CONSOLE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none';"
            + " form-action 'self'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // The container's decoded and normalised path: /console/../api/v1/session is the API, not the console.
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        boolean console = ConsolePages.serves(path);
        if (console) {
            response.setHeader("Cache-Control", "no-cache");
        } else {
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("Pragma", "no-cache");
        }
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", console ? CONSOLE_POLICY : API_POLICY);
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cross-Origin-Resource-Policy", "same-origin");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
        chain.doFilter(request, response);
    }
}
