package edu.ucla.dgsom.escrow.web;

import edu.ucla.dgsom.escrow.problems.RequestId;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is sane, a new one otherwise. The id is on
 * the response, in every problem document and in the one log line written per request, so a caller's report can be
 * matched to the server log and the audit trail.
 */
public class RequestIdFilter extends HttpFilter {

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{8,64}");
    private static final Logger LOG = Logger.getLogger(RequestIdFilter.class.getName());
    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String offered = request.getHeader(RequestId.HEADER);
        String requestId = offered != null && SANE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
        RequestId.assign(request, requestId);
        response.setHeader(RequestId.HEADER, requestId);
        long started = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            LOG.info(() -> String.format("request %s %s %s -> %d in %d ms", requestId, request.getMethod(),
                    request.getRequestURI(), response.getStatus(), (System.nanoTime() - started) / 1_000_000));
        }
    }
}
