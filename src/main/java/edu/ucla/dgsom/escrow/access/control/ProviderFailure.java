package edu.ucla.dgsom.escrow.access.control;

/**
 * The campus provider could not vouch for anyone: it was unreachable, or its answer failed a check. The message names
 * the check, never a token or a secret.
 */
public class ProviderFailure extends Exception {

    private static final long serialVersionUID = 1L;

    /** UNAVAILABLE: the provider did not answer (in time); REJECTED: its answer or token failed a check. */
    public enum Kind { UNAVAILABLE, REJECTED }

    private final Kind kind;

    ProviderFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    static ProviderFailure unavailable(String message, Throwable cause) {
        return new ProviderFailure(Kind.UNAVAILABLE, message, cause);
    }

    static ProviderFailure rejected(String message) {
        return new ProviderFailure(Kind.REJECTED, message, null);
    }

    public Kind kind() {
        return kind;
    }
}
