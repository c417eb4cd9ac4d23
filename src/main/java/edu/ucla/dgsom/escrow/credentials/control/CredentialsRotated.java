package edu.ucla.dgsom.escrow.credentials.control;

/**
 * Fired, inside the rotation's transaction, when an account's credentials got a new version; for example an
 * offboarding that required the rotation closes its item.
 */
public record CredentialsRotated(String accountId, int version) {
}
