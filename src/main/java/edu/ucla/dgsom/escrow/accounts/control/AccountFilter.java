package edu.ucla.dgsom.escrow.accounts.control;

import edu.ucla.dgsom.escrow.accounts.entity.AccountStatus;
import edu.ucla.dgsom.escrow.accounts.entity.Platform;

/**
 * Filters of the account list; null means "any". {@code text} matches handle, display name or platform name;
 * {@code holderId} the content owner or the backup moderator.
 */
public record AccountFilter(String departmentId, Platform platform, AccountStatus status, String ownerId,
        String moderatorId, String holderId, Rotation rotation, Backup backup, String text) {

    /**
     * Rotation flags, as the offboarding sets them: a flag (rotationRequiredSince) always comes with a due date
     * (rotationDueAt, a few days ahead), and a rotation clears both. DUE: the credentials must be rotated, overdue
     * ones included. OVERDUE: the due date has passed.
     */
    public enum Rotation { DUE, OVERDUE }

    /**
     * The backup moderator. MISSING: the one named is no longer active (an offboarding found nobody to take the place
     * and sent the account to DGIT); the registry never leaves the place empty.
     */
    public enum Backup { MISSING }
}
