package edu.ucla.dgsom.escrow.crypto.control;

import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;

/**
 * A stored ciphertext, wrapped key or key-ring entry failed authentication: it was altered, moved, or belongs to keys
 * this installation does not hold. Never answered with garbage or with another value's plaintext.
 */
public class IntegrityFailureException extends ProblemException {

    private static final long serialVersionUID = 1L;

    public IntegrityFailureException() {
        super(ProblemType.INTEGRITY_FAILURE, "A stored secret failed its integrity check. DGIT has been alerted; "
                + "quote the request id.");
    }
}
