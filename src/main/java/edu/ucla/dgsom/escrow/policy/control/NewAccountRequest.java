package edu.ucla.dgsom.escrow.policy.control;

import edu.ucla.dgsom.escrow.accounts.entity.Platform;
import java.math.BigDecimal;

/**
 * A request as the boundary has read it. For a registered account ({@code accountId}) the account's own platform,
 * handle and names stand, so those fields are null; each holder is named by id or by e-mail address.
 */
public record NewAccountRequest(String accountId, String departmentId, Platform platform, String platformName,
        String handle, String profileUrl, String displayName, String purpose, PersonReference contentOwner,
        PersonReference backupModerator, BigDecimal contentOwnerFte) {

    /** A person named by id or by e-mail address; {@code field} is the request field that named them. */
    public record PersonReference(String field, String id, String email) {
    }
}
