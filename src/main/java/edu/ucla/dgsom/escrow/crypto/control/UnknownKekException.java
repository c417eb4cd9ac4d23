package edu.ucla.dgsom.escrow.crypto.control;

/** A KEK version the barrier has not loaded (yet): the key ring must be loaded from the database again. */
public final class UnknownKekException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UnknownKekException(int version) {
        super("key-encryption key version " + version + " is not loaded", null, false, false);
    }
}
