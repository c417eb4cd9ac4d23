package edu.ucla.dgsom.escrow.audit.control;

/** What became of an audited action. */
public enum Outcome {
    /** It was permitted and done. */
    ALLOWED,
    /** The caller was not permitted. */
    DENIED,
    /** It was permitted but did not succeed (wrong password, invalid code...). */
    FAILED
}
