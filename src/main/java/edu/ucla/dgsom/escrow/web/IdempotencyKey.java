package edu.ucla.dgsom.escrow.web;

import edu.ucla.dgsom.escrow.problems.Problem;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} a client gives a write, e.g. a UUID: a retry of the write with the same key, whose
 * first attempt may have landed, is answered with what that attempt did instead of doing it again.
 */
public record IdempotencyKey(String value) {

    public static final String HEADER = "Idempotency-Key";
    /** The header as the OpenAPI document describes it, on every operation that honours it. */
    public static final String DESCRIPTION = "Optional, 1 to 100 printable ASCII characters (a UUID, say) chosen by the"
            + " client. A retry with the same key and request, within a day, gets the first attempt's answer again"
            + " (with Idempotent-Replayed: true) instead of doing it twice; the same key with another request is a 422.";
    private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x21-\\x7e]{1,100}");

    public IdempotencyKey {
        if (!PRINTABLE_ASCII.matcher(value).matches()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Invalid " + HEADER,
                    List.of(new Problem.FieldError(HEADER, "1 to 100 printable ASCII characters")));
        }
    }

    /** The key the header carries, none when there is no header, or a 400 when it is not a valid key. */
    public static Optional<IdempotencyKey> ofHeader(String header) {
        return Optional.ofNullable(header).map(IdempotencyKey::new);
    }
}
