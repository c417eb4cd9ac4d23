package edu.ucla.dgsom.escrow.problems;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem document. {@code requestId} matches the response's {@code X-Request-Id} header and the server
 * log; {@code errors} names the failing fields of a request; {@code currentState} is the state a refused transition
 * found its subject in (an extension member, so a client can say "already approved" without parsing the detail).
 */
@JsonbPropertyOrder({"type", "title", "status", "detail", "instance", "requestId", "errors", "currentState"})
public record Problem(URI type, String title, int status, String detail, String instance, String requestId,
        List<FieldError> errors, String currentState) {

    public Problem(URI type, String title, int status, String detail, String instance, String requestId,
            List<FieldError> errors) {
        this(type, title, status, detail, instance, requestId, errors, null);
    }

    /** One invalid field: where it is in the request and what is wrong with it. */
    public record FieldError(String field, String message) {
    }

    public static final String MEDIA_TYPE = "application/problem+json";
}
