package edu.ucla.dgsom.escrow.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * The browser console's deep links: each of its pages answers with the same {@code index.html}, whose modules read
 * the path and draw the page from the public API. Nothing here touches data; a path the console does not know stays
 * a 404 problem. The console's files and libraries are static resources ({@code /console/}, and the WebJars under
 * {@code /webjars/} and {@code /_static/}).
 */
@WebServlet(name = "ConsolePages", urlPatterns = {"/sign-in", "/start", "/accounts", "/accounts/*", "/offboardings",
    "/offboardings/*", "/people", "/people/*", "/departments", "/tokens", "/audit", "/keys", "/profile", "/requests",
    "/requests/*", "/duties", "/rotations", "/compliance", "/attestations", "/attestations/*", "/imports",
    "/imports/*"})
public class ConsolePages extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The console's sections, as mapped above: each path, and for some the pages under it. */
    private static final List<String> PAGES = List.of("/sign-in", "/start", "/departments", "/tokens", "/audit", "/keys",
            "/profile", "/duties", "/rotations", "/compliance");
    private static final List<String> PAGES_WITH_SUBPAGES = List.of("/accounts", "/offboardings", "/people",
            "/requests", "/attestations", "/imports");

    /** Versioned library paths: their content never changes under one URL. */
    private static final List<String> LIBRARIES = List.of("/webjars/", "/_static/");

    /** Files of the console itself, revalidated by their ETag on every use. */
    private static final List<String> FILES = List.of("/console/", "/index.html");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        request.getRequestDispatcher("/index.html").forward(request, response);
    }

    /** Whether the path is the console's: a page, one of its files, or a library it loads. */
    static boolean serves(String path) {
        return path.isEmpty() || "/".equals(path) || isLibrary(path) || FILES.stream().anyMatch(path::startsWith)
                || PAGES.contains(path) || PAGES_WITH_SUBPAGES.stream()
                        .anyMatch(section -> path.equals(section) || path.startsWith(section + "/"));
    }

    private static boolean isLibrary(String path) {
        return LIBRARIES.stream().anyMatch(path::startsWith);
    }
}
