package edu.ucla.dgsom.escrow.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Identity systems expect SCIM at {@code /scim/v2}; its resources live in the API's JAX-RS application (one set of
 * filters, access rules and error mapping), so requests there are forwarded to {@code /api/v1/scim/v2}.
 */
public class ScimForwarding extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String query = request.getQueryString();
        request.getRequestDispatcher(EscrowApplication.PATH + path + (query == null ? "" : "?" + query))
                .forward(request, response);
    }
}
