package edu.ucla.dgsom.escrow.accounts.control;

/**
 * An account's content owner and backup moderator were named: at registration, at a reassignment, at an approval,
 * or by an offboarding's hand-over. Fired in the transaction that names them, so what depends on the holders (their
 * duties, policy I.2) changes with them or not at all.
 */
public record HoldersAssigned(String accountId, String contentOwnerId, String backupModeratorId) {
}
