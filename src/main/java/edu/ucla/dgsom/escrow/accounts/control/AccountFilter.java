package edu.ucla.dgsom.escrow.accounts.control;

import edu.ucla.dgsom.escrow.accounts.entity.AccountStatus;
import edu.ucla.dgsom.escrow.accounts.entity.Platform;

/** Filters of the account list; null means "any". {@code text} matches handle, display name or platform name. */
public record AccountFilter(String departmentId, Platform platform, AccountStatus status, String ownerId,
        String moderatorId, String text) {
}
