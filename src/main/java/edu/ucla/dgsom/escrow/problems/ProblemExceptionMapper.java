package edu.ucla.dgsom.escrow.problems;

import edu.ucla.dgsom.escrow.web.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Answers every exception that leaves a JAX-RS resource with a problem document. */
@Provider
public class ProblemExceptionMapper implements ExceptionMapper<Throwable> {

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(Throwable failure) {
        return respond(Problems.from(failure, request.getRequestURI(), RequestIdFilter.requestId(request)));
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
