package edu.ucla.dgsom.escrow.accounts.entity;

import java.time.Instant;
import java.util.List;

/**
 * What the compliance report asks of one account, read without opening anything sealed: its approval, status,
 * holders, what its current credential version holds and what a rotation learnt of its recovery contacts
 * ({@code null}: never learnt), the platform's second factor as stated ({@code null}: not stated) and when its
 * credentials are due for rotation ({@code null}: not due).
 */
public record AccountFacts(String id, String departmentId, String platform, String handle, String displayName,
        AccountStatus status, Instant approvedAt, Instant statusChangedAt, String contentOwnerId,
        String backupModeratorId, int credentialVersion, List<String> credentialFields, boolean totpSeedEscrowed,
        PlatformMfa platformMfa, Boolean recoveryEmailInstitutional, Boolean recoveryPhoneInstitutional,
        String recoveryRulesDigest, Instant rotationDueAt) {

    public AccountFacts {
        credentialFields = List.copyOf(credentialFields);
    }

    public boolean hasCredentials() {
        return credentialVersion > 0;
    }
}
