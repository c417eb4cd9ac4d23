package edu.ucla.dgsom.escrow.problems;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Answers every exception that leaves a JAX-RS resource with a problem document (SCIM's error shape under /scim). */
@Provider
public class ProblemExceptionMapper implements ExceptionMapper<Throwable> {

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(Throwable failure) {
        Response response = respond(request, Problems.from(failure, request.getRequestURI(),
                RequestId.of(request)));
        Long retryAfter = Problems.retryAfterSeconds(failure);
        if (retryAfter != null) {
            return Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, retryAfter).build();
        }
        return response;
    }

    /** A problem document, or for SCIM's requests the same problem in SCIM's error shape. */
    static Response respond(HttpServletRequest request, Problem problem) {
        if (ScimError.applies(request.getRequestURI())) {
            return Response.status(problem.status()).type(ScimError.MEDIA_TYPE).entity(ScimError.of(problem)).build();
        }
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
