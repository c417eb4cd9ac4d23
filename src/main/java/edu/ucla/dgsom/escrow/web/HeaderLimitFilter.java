package edu.ucla.dgsom.escrow.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refuses requests whose headers together exceed {@code escrow.http.max-header-bytes} (default 16 KiB) with 431 and
 * a problem document. The HTTP listener itself accepts up to 64 KiB of headers (server-config/pre-boot-commands):
 * below that, this filter answers instead of the listener's bare 400 without a body.
 */
public class HeaderLimitFilter extends HttpFilter {

    /** Request-header-fields-too-large (RFC 6585), which the servlet API names no constant for. */
    public static final int TOO_LARGE = 431;
    private static final long serialVersionUID = 1L;
    private long maxBytes;

    @Override
    public void init(FilterConfig config) throws ServletException {
        super.init(config);
        maxBytes = ConfigProvider.getConfig().getOptionalValue("escrow.http.max-header-bytes", Long.class)
                .orElse(16_384L);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long bytes = 0;
        for (String name : Collections.list(request.getHeaderNames())) {
            for (String value : Collections.list(request.getHeaders(name))) {
                bytes += name.length() + value.length() + 4;
            }
        }
        if (bytes > maxBytes) {
            response.sendError(TOO_LARGE);
            return;
        }
        chain.doFilter(request, response);
    }
}
