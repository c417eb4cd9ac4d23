package edu.ucla.dgsom.escrow.problems;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Takes validation failures away from the JAX-RS implementation's own mapper, which answers in plain text, and hands
 * them to {@link Problems}.
 */
@Provider
public class ValidationProblemMapper implements ExceptionMapper<ValidationException> {

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(ValidationException failure) {
        return ProblemExceptionMapper.respond(request,
                Problems.from(failure, request.getRequestURI(), RequestId.of(request)));
    }
}
