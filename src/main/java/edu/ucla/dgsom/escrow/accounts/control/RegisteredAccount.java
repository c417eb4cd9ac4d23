package edu.ucla.dgsom.escrow.accounts.control;

import edu.ucla.dgsom.escrow.accounts.entity.OfficialAccount;
import java.time.Instant;
import java.util.List;

/**
 * An account's whole registry entry as the disaster-recovery export writes it: what identifies it, who holds it,
 * its status and which credential version is current (0: none stored). Metadata only.
 */
public record RegisteredAccount(String id, String platform, String platformName, String handle, String profileUrl,
        String displayName, String departmentId, String status, String statusReason, Instant statusChangedAt,
        String contentOwnerId, String backupModeratorId, String notes, int credentialVersion,
        List<String> credentialFields, Instant approvedAt, Instant createdAt, Instant updatedAt) {

    public RegisteredAccount {
        credentialFields = List.copyOf(credentialFields);
    }

    static RegisteredAccount of(OfficialAccount a) {
        return new RegisteredAccount(a.id(), a.platform().name(), a.platformName(), a.handle(), a.profileUrl(),
                a.displayName(), a.departmentId(), a.status().name(), a.standing().statusReason(),
                a.standing().statusChangedAt(), a.contentOwnerId(), a.backupModeratorId(), a.notes(),
                a.credentialVersion(), a.credentialFields(), a.standing().approvedAt(), a.createdAt(), a.updatedAt());
    }

    public boolean hasCredentials() {
        return credentialVersion > 0;
    }
}
