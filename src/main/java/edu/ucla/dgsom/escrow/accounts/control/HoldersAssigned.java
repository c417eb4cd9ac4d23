package edu.ucla.dgsom.escrow.accounts.control;

import java.util.List;

/**
 * Accounts' content owners and backup moderators were named: at registration, at a reassignment, at an approval,
 * or by an offboarding's hand-over (all of a leaver's accounts in one event, so that what observes it reads their
 * duties in one query, not one per account). Fired in the transaction that names them, so what depends on the
 * holders (their duties, policy I.2) changes with them or not at all.
 */
public record HoldersAssigned(List<Assignment> assignments) {

    /** One account's holders. */
    public record Assignment(String accountId, String contentOwnerId, String backupModeratorId) {
    }

    public static HoldersAssigned of(String accountId, String contentOwnerId, String backupModeratorId) {
        return new HoldersAssigned(List.of(new Assignment(accountId, contentOwnerId, backupModeratorId)));
    }
}
