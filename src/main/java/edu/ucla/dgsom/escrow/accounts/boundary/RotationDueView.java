package edu.ucla.dgsom.escrow.accounts.boundary;

import edu.ucla.dgsom.escrow.accounts.entity.OfficialAccount;
import edu.ucla.dgsom.escrow.accounts.entity.RotationInterval;
import edu.ucla.dgsom.escrow.accounts.entity.RotationSchedule;
import java.time.Instant;

/**
 * An account whose credentials are due for rotation: by when ({@code dueAt}, the earlier of the scheduled date and a
 * flag's), why ({@code reason} SCHEDULED or REQUIRED, a flag an offboarding raised), whether that has passed, and the
 * schedule behind it.
 */
public record RotationDueView(String accountId, String displayName, String platform, String handle,
        String departmentId, String status, String contentOwnerId, String backupModeratorId, Instant dueAt,
        String reason, boolean overdue, int intervalDays, String intervalSource, Instant lastRotatedAt) {

    static RotationDueView of(OfficialAccount account, RotationInterval interval, Instant asOf) {
        RotationSchedule rotation = account.rotation();
        return new RotationDueView(account.id(), account.displayName(), account.platform().name(), account.handle(),
                account.departmentId(), account.status().name(), account.contentOwnerId(),
                account.backupModeratorId(), rotation.dueAt(), rotation.reason().name(),
                rotation.dueAt().isBefore(asOf), interval.days(), interval.source().name(), rotation.lastRotatedAt());
    }
}
