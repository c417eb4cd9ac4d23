package edu.ucla.dgsom.escrow.accounts.boundary;

import jakarta.validation.constraints.Size;

/**
 * A partial update: absent (or null) fields stay as they are; an empty {@code profileUrl} or {@code notes} clears it.
 * The platform is part of the account's identity and cannot change. {@code reason} goes to the audit trail.
 */
public record AccountChange(
        @Size(min = 1, max = 200) String handle,
        @Size(max = 2000) String profileUrl,
        @Size(min = 1, max = 200) String displayName,
        @Size(min = 1, max = 36) String departmentId,
        @Size(min = 1, max = 36) String contentOwnerId,
        @Size(min = 1, max = 36) String backupModeratorId,
        @Size(max = 4000) String notes,
        @Size(min = 1, max = 16) String status,
        @Size(max = 500) String reason) {

    /** Declared so the constraints stay off the constructor parameters, which Payara's OpenAPI scanner trips on. */
    public AccountChange(String handle, String profileUrl, String displayName, String departmentId,
            String contentOwnerId, String backupModeratorId, String notes, String status, String reason) {
        this.handle = handle;
        this.profileUrl = profileUrl;
        this.displayName = displayName;
        this.departmentId = departmentId;
        this.contentOwnerId = contentOwnerId;
        this.backupModeratorId = backupModeratorId;
        this.notes = notes;
        this.status = status;
        this.reason = reason;
    }
}
