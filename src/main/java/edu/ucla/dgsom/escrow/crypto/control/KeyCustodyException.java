package edu.ucla.dgsom.escrow.crypto.control;

/** The key store cannot be used: missing, wrong passphrase, damaged, or without the expected entries. */
public class KeyCustodyException extends Exception {

    private static final long serialVersionUID = 1L;

    public KeyCustodyException(String message) {
        super(message);
    }

    public KeyCustodyException(String message, Throwable cause) {
        super(message, cause);
    }
}
