package edu.ucla.dgsom.escrow.crypto.control;

/** A KEK is wrapped by a root key that is in none of this instance's key stores. */
public final class UnknownRootKeyException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final String id;

    UnknownRootKeyException(String id) {
        super("root key " + id + " is in none of this instance's key stores", null, false, false);
        this.id = id;
    }

    public String id() {
        return id;
    }
}
