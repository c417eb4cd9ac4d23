package edu.ucla.dgsom.escrow.accounts.control;

import edu.ucla.dgsom.escrow.accounts.entity.AccountRevision;

/** A change of an account's metadata and, where a holder id is not null, of its content owner or backup moderator. */
public record AccountEdit(AccountRevision revision, String contentOwnerId, String backupModeratorId, String reason) {
}
