package edu.ucla.dgsom.escrow.problems;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;

/**
 * The error page (web.xml) for everything the servlet container answers by itself: paths outside the JAX-RS
 * application, failures in filters. Renders the same problem documents as the JAX-RS mappers (SCIM's error shape
 * under {@code /scim/v2}).
 */
@WebServlet(name = "ContainerErrorServlet", urlPatterns = ContainerErrorServlet.PATH)
public class ContainerErrorServlet extends HttpServlet {

    static final String PATH = "/problem-error";
    private static final long serialVersionUID = 1L;
    private static final Jsonb JSONB = JsonbBuilder.create();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        String instance = uri instanceof String path ? path : request.getRequestURI();
        String requestId = RequestId.of(request);
        Problem problem = failure != null
                ? Problems.from(failure, instance, requestId)
                : Problems.forStatus(status(status, request, instance), instance, requestId);
        response.setStatus(problem.status());
        Long retryAfter = failure == null ? null : Problems.retryAfterSeconds(failure);
        if (retryAfter != null) {
            response.setHeader("Retry-After", retryAfter.toString());
        }
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (ScimError.applies(instance)) {
            response.setContentType(ScimError.MEDIA_TYPE);
            response.getWriter().write(JSONB.toJson(ScimError.of(problem)));
            return;
        }
        response.setContentType(Problem.MEDIA_TYPE);
        response.getWriter().write(JSONB.toJson(problem));
    }

    /**
     * The container's default servlet answers 501 to a method it does not implement (PATCH, or any made-up one)
     * outside the API, e.g. at a path that climbs out of it with "..": that is not a server failure but a file that
     * is not there (404), or a file that does not take the method (405).
     */
    private static int status(Object status, HttpServletRequest request, String uri) {
        int code = status instanceof Integer given ? given : 404;
        if (code != 501) {
            return code;
        }
        try {
            String path = uri.substring(Math.min(uri.length(), request.getContextPath().length()));
            return request.getServletContext().getResource(path) != null ? 405 : 404;
        } catch (MalformedURLException | IllegalArgumentException e) {
            return 404;
        }
    }
}
