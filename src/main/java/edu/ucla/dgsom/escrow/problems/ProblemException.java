package edu.ucla.dgsom.escrow.problems;

import jakarta.ejb.ApplicationException;
import java.time.Duration;
import java.util.List;

/**
 * Thrown by application code to answer with a specific problem. The detail is shown to the caller, so it must never
 * contain a secret. It rolls back the transaction and reaches the caller as it is, not wrapped by the EJB container.
 */
@ApplicationException(rollback = true, inherited = true)
public class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ProblemType type;
    private final transient List<Problem.FieldError> errors;
    private final Duration retryAfter;
    private final String currentState;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public ProblemException(ProblemType type, String detail, List<Problem.FieldError> errors) {
        this(type, detail, errors, null, null);
    }

    private ProblemException(ProblemType type, String detail, List<Problem.FieldError> errors, Duration retryAfter,
            String currentState) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
        this.currentState = currentState;
    }

    /** A 429 whose answer carries {@code Retry-After}: the caller may try again after that long. */
    public static ProblemException tooManyRequests(String detail, Duration retryAfter) {
        return new ProblemException(ProblemType.TOO_MANY_REQUESTS, detail, List.of(), retryAfter, null);
    }

    /** A 409 for a request that another one, still running, is doing right now; {@code Retry-After} says when to ask again. */
    public static ProblemException inProgress(String detail, Duration retryAfter) {
        return new ProblemException(ProblemType.CONFLICT, detail, List.of(), retryAfter, null);
    }

    /**
     * A 409 for a transition its subject's state does not allow, naming that state, e.g. {@code
     * illegalTransition("Request 42", APPROVED, "only a PENDING request can be approved")}.
     */
    public static ProblemException illegalTransition(String subject, Enum<?> current, String allowed) {
        return new ProblemException(ProblemType.CONFLICT, subject + " is " + current.name() + ": " + allowed,
                List.of(), null, current.name());
    }

    /** The state a refused transition found its subject in, or null when the problem is not such a refusal. */
    public String currentState() {
        return currentState;
    }

    /** Whole seconds until a retry may succeed (at least one), or null when the problem names no such time. */
    public Long retryAfterSeconds() {
        if (retryAfter == null) {
            return null;
        }
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    public ProblemType type() {
        return type;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    /** A 400 naming the one field that is invalid and why. */
    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(ProblemType.VALIDATION_FAILED, "The field " + field + " is invalid",
                List.of(new Problem.FieldError(field, message)));
    }

    /** A 403 for want of a signed-in person with MFA, saying how to enrol. */
    public static ProblemException personWithMfaRequired() {
        return new ProblemException(ProblemType.PERSON_WITH_MFA_REQUIRED, "Only a signed-in person with MFA enrolled"
                + " may do this; an API token never may. To enrol: POST /api/v1/session/mfa, then POST"
                + " /api/v1/session/mfa/confirmation with a current code");
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(ProblemType.NOT_FOUND, what + " was not found");
    }
}
