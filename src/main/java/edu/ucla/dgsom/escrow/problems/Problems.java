package edu.ucla.dgsom.escrow.problems;

import edu.ucla.dgsom.escrow.persistence.DatabaseOutage;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NoContentException;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that turns an exception into a problem document. Callers get a stable type and a human message; the
 * server log gets the stack trace of unexpected failures with the request id. No exception message from a library
 * reaches the caller, since it could quote the request body.
 */
public final class Problems {

    private static final Logger LOG = Logger.getLogger(Problems.class.getName());
    /** MariaDB's (and MySQL's) error code for a duplicate entry in a unique key. */
    private static final int DUPLICATE_ENTRY = 1062;
    private static final Pattern DUPLICATE_KEY = Pattern.compile("for key '(?:[^']*\\.)?([A-Za-z0-9_]{1,64})'");
    /**
     * The unique keys of db/migration that a request can run into, and the request field each stands for. A create
     * checks first and answers 409 itself; two identical creates at once both pass the check, and the second one's
     * insert fails at commit: that failure gets the same 409 here instead of a 500.
     */
    private static final Map<String, String> UNIQUE_FIELDS = Map.of(
            "uk_department_code", "code",
            "uk_person_employee", "employeeId",
            "uk_sign_in_username", "signIn.username",
            "uk_person_user_name", "userName",
            "uk_official_account_identity", "handle",
            "uk_role_grant", "role");
    /** Long enough for a pool to reconnect or a load balancer to see the instance is not ready. */
    private static final long DATABASE_RETRY_AFTER_SECONDS = 2;
    private static final Pattern UNKNOWN_PROPERTY = Pattern.compile("^Json property ([A-Za-z0-9_.-]{1,64}) can not be mapped");

    private Problems() {
    }

    public static Problem of(ProblemType type, String detail, String instance, String requestId) {
        return new Problem(type.type(), type.title(), type.status(), detail, instance, requestId, null);
    }

    public static Problem from(Throwable failure, String instance, String requestId) {
        if (failure instanceof ProblemException problem) {
            ProblemType type = problem.type();
            if (type.status() >= 500) {
                LOG.log(Level.SEVERE, "request {0}: {1}", new Object[] {requestId, problem.getMessage()});
            }
            return new Problem(type.type(), type.title(), type.status(), problem.getMessage(), instance, requestId,
                    problem.errors().isEmpty() ? null : problem.errors(), problem.currentState());
        }
        if (failure instanceof ConstraintViolationException violations) {
            return new Problem(ProblemType.VALIDATION_FAILED.type(), ProblemType.VALIDATION_FAILED.title(), 400,
                    "One or more fields are invalid", instance, requestId, fieldErrors(violations));
        }
        if (causedBy(failure, BodyTooLargeException.class)) {
            return of(ProblemType.PAYLOAD_TOO_LARGE, "The request body is too large", instance, requestId);
        }
        if (causedByBadJson(failure)) {
            return badJson(failure, instance, requestId);
        }
        String duplicateKey = duplicateKey(failure);
        if (duplicateKey != null) {
            String field = UNIQUE_FIELDS.get(duplicateKey);
            return new Problem(ProblemType.CONFLICT.type(), ProblemType.CONFLICT.title(), 409,
                    "This already exists: another request created it at the same moment", instance, requestId,
                    field == null ? null : List.of(new Problem.FieldError(field, "already used")));
        }
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            int status = web.getResponse().getStatus();
            return of(ProblemType.forStatus(status), detailFor(web, status, instance), instance, requestId);
        }
        if (DatabaseOutage.causes(failure)) {
            // The stack trace would say only that the database was away; the cause's class says which way.
            LOG.log(Level.WARNING, "request {0}: the database is unavailable ({1})",
                    new Object[] {requestId, rootCause(failure).getClass().getName()});
            return of(ProblemType.SERVICE_UNAVAILABLE, "The database is unavailable for a moment; try again after the"
                    + " time in Retry-After", instance, requestId);
        }
        LOG.log(Level.SEVERE, "request " + requestId + " failed", failure);
        return of(ProblemType.INTERNAL_ERROR, "An unexpected error occurred; quote the request id when reporting it",
                instance, requestId);
    }

    /**
     * The seconds a caller should wait before trying again, for the {@code Retry-After} header of the answer to
     * {@code failure}, or null when the answer names none.
     */
    public static Long retryAfterSeconds(Throwable failure) {
        if (failure instanceof ProblemException problem) {
            return problem.retryAfterSeconds();
        }
        return DatabaseOutage.causes(failure) ? DATABASE_RETRY_AFTER_SECONDS : null;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static Problem badJson(Throwable failure, String instance, String requestId) {
        String unknown = unknownProperty(failure);
        if (unknown != null) {
            return new Problem(ProblemType.MALFORMED_REQUEST.type(), ProblemType.MALFORMED_REQUEST.title(), 400,
                    "The request has a property the server does not know: " + unknown, instance, requestId,
                    List.of(new Problem.FieldError(unknown, "unknown property")));
        }
        return of(ProblemType.MALFORMED_REQUEST, "The request body could not be read as the expected JSON document",
                instance, requestId);
    }

    /** For errors raised by the servlet container itself, outside JAX-RS. */
    public static Problem forStatus(int status, String instance, String requestId) {
        ProblemType type = ProblemType.forStatus(status);
        String detail = switch (status) {
            case 404 -> "There is nothing at " + instance;
            case 405 -> "This method is not supported at " + instance;
            default -> type.title();
        };
        return new Problem(type.type(), type.title(), status, detail, instance, requestId, null);
    }

    private static String detailFor(WebApplicationException web, int status, String instance) {
        return switch (status) {
            case 404 -> "There is nothing at " + instance;
            case 405 -> "This method is not supported at " + instance + allowed(web);
            case 406 -> "This resource answers with application/json only";
            case 415 -> "Send the request body as application/json";
            default -> ProblemType.forStatus(status).title();
        };
    }

    private static String allowed(WebApplicationException web) {
        if (web instanceof NotAllowedException) {
            String allow = web.getResponse().getHeaderString(HttpHeaders.ALLOW);
            if (allow != null && !allow.isBlank()) {
                return "; allowed: " + allow;
            }
        }
        return "";
    }

    /** The name in JSON-B's (Yasson's) "Json property X can not be mapped" message, if it is a plain name. */
    private static String unknownProperty(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            Matcher matcher = cause.getMessage() == null ? null : UNKNOWN_PROPERTY.matcher(cause.getMessage());
            if (matcher != null && matcher.find()) {
                return matcher.group(1);
            }
        }
        return null;
    }

    /** The name of the unique key a duplicate entry broke, anywhere in the causes ("" if unnamed), or null. */
    public static String duplicateKey(Throwable failure) {
        String found = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            for (SQLException sql = cause instanceof SQLException e ? e : null; sql != null;
                    sql = sql.getNextException()) {
                if (sql.getErrorCode() == DUPLICATE_ENTRY) {
                    Matcher key = DUPLICATE_KEY.matcher(String.valueOf(sql.getMessage()));
                    if (key.find()) {
                        return key.group(1);
                    }
                    found = "";
                }
            }
        }
        return found;
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static boolean causedByBadJson(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonbException || cause instanceof JsonException || cause instanceof NoContentException
                    || thrownByParsson(cause)) {
                return true;
            }
        }
        return false;
    }

    /** Parsson refuses input nested deeper than it allows with a bare RuntimeException ("too deeply nested"). */
    private static boolean thrownByParsson(Throwable cause) {
        StackTraceElement[] trace = cause.getStackTrace();
        return cause.getClass() == RuntimeException.class && trace.length > 0
                && trace[0].getClassName().startsWith("org.eclipse.parsson.");
    }

    private static List<Problem.FieldError> fieldErrors(ConstraintViolationException violations) {
        return violations.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
    }

    /** "create.request.name" (method, parameter, property) becomes "name"; a bare parameter keeps its own name. */
    private static String fieldName(ConstraintViolation<?> violation) {
        Iterator<Path.Node> nodes = violation.getPropertyPath().iterator();
        StringBuilder property = new StringBuilder();
        String parameter = null;
        while (nodes.hasNext()) {
            Path.Node node = nodes.next();
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, RETURN_VALUE, CROSS_PARAMETER -> { }
                case PARAMETER -> parameter = node.getName();
                default -> {
                    if (!property.isEmpty()) {
                        property.append('.');
                    }
                    property.append(node.getName());
                    if (node.getIndex() != null) {
                        property.append('[').append(node.getIndex()).append(']');
                    }
                }
            }
        }
        return !property.isEmpty() ? property.toString() : parameter != null ? parameter : "request";
    }
}
