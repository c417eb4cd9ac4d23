package edu.ucla.dgsom.escrow.accounts.control;

import edu.ucla.dgsom.escrow.accounts.entity.Platform;

/**
 * An official account as a request for approval names it (policy I.1): registered already ({@code accountId} set, an
 * approval after the fact) or not yet. {@code identityKey} is one per real account, as the registry keys it.
 */
public record RequestedAccount(String accountId, Platform platform, String platformName, String handle,
        String profileUrl, String displayName, String departmentId, String contentOwnerId, String backupModeratorId,
        String identityKey) {
}
