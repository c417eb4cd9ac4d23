package edu.ucla.dgsom.escrow.accounts.boundary;

import edu.ucla.dgsom.escrow.accounts.control.AccountFields;
import edu.ucla.dgsom.escrow.accounts.control.NewAccount;
import edu.ucla.dgsom.escrow.accounts.entity.AccountStatus;
import edu.ucla.dgsom.escrow.accounts.entity.Platform;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A new official account. {@code platformName} names the platform when {@code platform} is OTHER (and only then);
 * {@code status} may be set by DGIT admins only (default REQUESTED, policy section I); {@code reason} goes to the
 * audit trail.
 */
public record AccountRequest(
        @NotBlank @Size(max = 16) String platform,
        @Size(max = 60) String platformName,
        @NotBlank @Size(max = 200) String handle,
        @Size(max = 2000) String profileUrl,
        @NotBlank @Size(max = 200) String displayName,
        @NotBlank @Size(max = 36) String departmentId,
        @NotBlank @Size(max = 36) String contentOwnerId,
        @NotBlank @Size(max = 36) String backupModeratorId,
        @Size(max = 4000) String notes,
        @Size(max = 16) String status,
        @Size(max = 500) String reason) {

    /** Unconstrained: Payara fails /openapi on constrained parameters (docs/architecture.md, "Request records"). */
    public AccountRequest(String platform, String platformName, String handle, String profileUrl, String displayName,
            String departmentId, String contentOwnerId, String backupModeratorId, String notes, String status,
            String reason) {
        this.platform = platform;
        this.platformName = platformName;
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

    /** The registration this request asks for, each value in its stored form. */
    NewAccount toNewAccount() {
        Platform parsed = AccountFields.platform(platform);
        return new NewAccount(parsed, AccountFields.platformName(parsed, platformName),
                AccountFields.text("handle", handle), profileUrl == null ? null
                : AccountFields.orNull(AccountFields.profileUrl(profileUrl)),
                AccountFields.text("displayName", displayName), departmentId.strip(), contentOwnerId.strip(),
                backupModeratorId.strip(), notes == null ? null : AccountFields.orNull(AccountFields.notes(notes)),
                status == null ? AccountStatus.REQUESTED : AccountFields.status(status), reason);
    }
}
