package edu.ucla.dgsom.escrow.problems;

import jakarta.servlet.ServletRequest;

/**
 * The id of the request being served, as every problem document, log line and audit entry names it. The web layer
 * assigns it first thing; it stays on error dispatches, which keep the request's attributes.
 */
public final class RequestId {

    public static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = RequestId.class.getName();

    private RequestId() {
    }

    public static void assign(ServletRequest request, String requestId) {
        request.setAttribute(ATTRIBUTE, requestId);
    }

    /** The id, or null before one is assigned. */
    public static String of(ServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof String value ? value : null;
    }
}
