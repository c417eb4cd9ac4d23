package edu.ucla.dgsom.escrow.accounts.boundary;

import edu.ucla.dgsom.escrow.accounts.entity.AccountStanding;
import edu.ucla.dgsom.escrow.accounts.entity.OfficialAccount;
import edu.ucla.dgsom.escrow.accounts.entity.PlatformMfa;
import edu.ucla.dgsom.escrow.accounts.entity.RotationInterval;
import edu.ucla.dgsom.escrow.accounts.entity.RotationSchedule;
import java.time.Instant;
import java.util.List;

/**
 * An official account's metadata. Never a secret: the credentials are only revealed by their own endpoints.
 * {@code totpSeedEscrowed} says whether the current credential version holds a TOTP seed, {@code credentialFields}
 * which fields it holds (their names only), so that anyone who may reveal knows what there is to ask for. The
 * rotation schedule: the interval that applies ({@code rotationIntervalSource} ACCOUNT, PLATFORM or DEFAULT), when the
 * password or TOTP seed was last replaced and when the credentials are next due; {@code rotationRequiredSince} and
 * {@code rotationDueAt} are a flag an offboarding raised.
 * {@code approvalRequestId} and {@code approvedAt} record the approval (policy I.1), absent while there is none;
 * {@code statusReason}, {@code statusChangedAt} and {@code statusChangedBy} say why the status last changed.
 * {@code platformMfa} is the platform's second factor as its stewards stated it (absent: not stated).
 */
public record AccountView(String id, String platform, String platformName, String handle, String profileUrl,
        String displayName, String departmentId, String status, String contentOwnerId, String backupModeratorId,
        String notes, int credentialVersion, boolean totpSeedEscrowed, List<String> credentialFields,
        Instant rotationRequiredSince, Instant rotationDueAt, int rotationIntervalDays, String rotationIntervalSource,
        Instant lastRotatedAt, Instant nextRotationDueAt, Instant createdAt, String createdBy, Instant updatedAt,
        String updatedBy, String approvalRequestId, Instant approvedAt, String statusReason, Instant statusChangedAt,
        String statusChangedBy, String platformMfa) {

    /** The account, with {@code interval} the rotation interval that applies to it. */
    public static AccountView of(OfficialAccount account, RotationInterval interval) {
        RotationSchedule rotation = account.rotation();
        AccountStanding standing = account.standing();
        PlatformMfa mfa = account.recovery().platformMfa();
        return new AccountView(account.id(), account.platform().name(), account.platformName(), account.handle(),
                account.profileUrl(), account.displayName(), account.departmentId(), account.status().name(),
                account.contentOwnerId(), account.backupModeratorId(), account.notes(), account.credentialVersion(),
                account.totpSeedEscrowed(), account.credentialFields(), rotation.requiredSince(),
                rotation.requiredBy(), interval.days(), interval.source().name(), rotation.lastRotatedAt(),
                rotation.nextDueAt(), account.createdAt(), account.createdBy(), account.updatedAt(),
                account.updatedBy(), standing.approvalRequestId(), standing.approvedAt(), standing.statusReason(),
                standing.statusChangedAt(), standing.statusChangedBy(),
                mfa == null ? null : mfa.name());
    }
}
