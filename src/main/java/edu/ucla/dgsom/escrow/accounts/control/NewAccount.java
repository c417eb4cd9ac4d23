package edu.ucla.dgsom.escrow.accounts.control;

import edu.ucla.dgsom.escrow.accounts.entity.AccountStatus;
import edu.ucla.dgsom.escrow.accounts.entity.Platform;

/**
 * A registration, its values in their stored form: {@code platformName} only for OTHER, {@code profileUrl} and
 * {@code notes} null when none, {@code status} REQUESTED unless a DGIT admin says otherwise.
 */
public record NewAccount(Platform platform, String platformName, String handle, String profileUrl,
        String displayName, String departmentId, String contentOwnerId, String backupModeratorId, String notes,
        AccountStatus status, String reason) {
}
