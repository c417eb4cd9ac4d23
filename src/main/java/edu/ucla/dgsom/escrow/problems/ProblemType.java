package edu.ucla.dgsom.escrow.problems;

import jakarta.ws.rs.core.Response.Status;
import java.net.URI;

/**
 * Every kind of error the service answers with. The {@code type} URI of each is stable: clients may branch on it.
 * The list is documented in docs/problems.md.
 */
public enum ProblemType {

    MALFORMED_REQUEST("malformed-request", Status.BAD_REQUEST, "The request body is not valid JSON or does not fit the expected shape"),
    VALIDATION_FAILED("validation-failed", Status.BAD_REQUEST, "The request has invalid fields"),
    BAD_REQUEST("bad-request", Status.BAD_REQUEST, "The request cannot be processed as sent"),
    UNAUTHENTICATED("unauthenticated", Status.UNAUTHORIZED, "Authentication is required"),
    INVALID_CREDENTIALS("invalid-credentials", Status.UNAUTHORIZED, "Sign-in failed"),
    MFA_REQUIRED("mfa-required", Status.UNAUTHORIZED, "A one-time code is required"),
    LOCAL_SIGN_IN_OFF("local-sign-in-off", Status.FORBIDDEN, "Sign in through the campus provider"),
    SIGN_IN_EXPIRED("sign-in-expired", Status.UNAUTHORIZED, "The sign-in under way expired; start again"),
    SIGN_IN_INCOMPLETE("sign-in-incomplete", Status.FORBIDDEN, "Finish setting up the sign-in first"),
    CSRF_REJECTED("csrf-rejected", Status.FORBIDDEN, "The request lacks the session's CSRF token"),
    PERSON_WITH_MFA_REQUIRED("person-with-mfa-required", Status.FORBIDDEN, "Only a signed-in person with MFA enrolled may do this"),
    FORBIDDEN("forbidden", Status.FORBIDDEN, "This action is not allowed for the caller"),
    NOT_FOUND("not-found", Status.NOT_FOUND, "No such resource"),
    METHOD_NOT_ALLOWED("method-not-allowed", Status.METHOD_NOT_ALLOWED, "The resource does not support this method"),
    NOT_ACCEPTABLE("not-acceptable", Status.NOT_ACCEPTABLE, "The resource cannot produce the requested media type"),
    CONFLICT("conflict", Status.CONFLICT, "The request conflicts with the current state of the resource"),
    PRECONDITION_FAILED("precondition-failed", Status.PRECONDITION_FAILED, "The resource has changed since the version named in the request"),
    PRECONDITION_REQUIRED("precondition-required", 428, "Name the version being replaced in an If-Match header"),
    UNPROCESSABLE("unprocessable", 422, "The request is well formed but breaks a rule of the registry"),
    PAYLOAD_TOO_LARGE("payload-too-large", Status.REQUEST_ENTITY_TOO_LARGE, "The request body is too large"),
    REQUEST_HEADER_FIELDS_TOO_LARGE("request-header-fields-too-large", 431, "The request's headers are too large"),
    TOO_MANY_REQUESTS("too-many-requests", Status.TOO_MANY_REQUESTS, "Too many attempts; wait before trying again"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", Status.UNSUPPORTED_MEDIA_TYPE, "The request body's media type is not supported"),
    INTEGRITY_FAILURE("integrity-failure", Status.INTERNAL_SERVER_ERROR, "Stored data failed its integrity check"),
    SERVICE_UNAVAILABLE("service-unavailable", Status.SERVICE_UNAVAILABLE, "The service cannot complete the request right now"),
    INTERNAL_ERROR("internal-error", Status.INTERNAL_SERVER_ERROR, "The server failed to process the request");

    /** Base of every problem type URI. */
    public static final String BASE = "https://escrow.dgit.dgsom.ucla.edu/problems/";

    private final URI type;
    private final int status;
    private final String title;

    ProblemType(String slug, Status status, String title) {
        this(slug, status.getStatusCode(), title);
    }

    /** For statuses {@link Status} does not name. */
    ProblemType(String slug, int status, String title) {
        this.type = URI.create(BASE + slug);
        this.status = status;
        this.title = title;
    }

    public URI type() {
        return type;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The type for an HTTP status raised by the container or JAX-RS itself. */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 412 -> PRECONDITION_FAILED;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> UNPROCESSABLE;
            case 428 -> PRECONDITION_REQUIRED;
            case 429 -> TOO_MANY_REQUESTS;
            case 431 -> REQUEST_HEADER_FIELDS_TOO_LARGE;
            case 503 -> SERVICE_UNAVAILABLE;
            default -> status >= 400 && status < 500 ? BAD_REQUEST : INTERNAL_ERROR;
        };
    }
}
