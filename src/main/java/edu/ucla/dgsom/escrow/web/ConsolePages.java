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
@WebServlet(name = "ConsolePages", urlPatterns = {"/sign-in", "/accounts", "/accounts/*", "/profile"})
public class ConsolePages extends HttpServlet {

    private static final long serialVersionUID = 1L;

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
                || "/sign-in".equals(path) || "/profile".equals(path) || "/accounts".equals(path)
                || path.startsWith("/accounts/");
    }

    private static boolean isLibrary(String path) {
        return LIBRARIES.stream().anyMatch(path::startsWith);
    }
}
