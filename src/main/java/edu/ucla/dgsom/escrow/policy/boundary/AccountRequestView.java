package edu.ucla.dgsom.escrow.policy.boundary;

import edu.ucla.dgsom.escrow.accounts.entity.AccountStatus;
import edu.ucla.dgsom.escrow.policy.entity.AccountRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.function.Function;

/**
 * A request for an official account and its decision. The people it names come with their names, since a supervisor
 * or a requester may not read the directory. {@code accountStatus} is the account's status now, once there is one
 * (APPROVED: approved, not yet escrowed). {@code lowFte}: the content owner has less than 0.25 FTE for social media.
 */
public record AccountRequestView(String id, String kind, String state, String accountId, String accountStatus,
        String departmentId, String platform, String platformName, String handle, String profileUrl,
        String displayName, String purpose, String contentOwnerId, String contentOwnerName, String backupModeratorId,
        String backupModeratorName, BigDecimal contentOwnerFte, boolean lowFte, String requestedBy,
        String requestedByName, Instant requestedAt, String decidedBy, String decidedByName, Instant decidedAt,
        String decisionComment, boolean lowFteAcknowledged) {

    static AccountRequestView of(AccountRequest request, Function<String, String> names, AccountStatus status) {
        return new AccountRequestView(request.id(), request.kind().name(), request.state().name(),
                request.accountId(), status == null ? null : status.name(), request.departmentId(),
                request.platform().name(), request.platformName(), request.handle(), request.profileUrl(),
                request.displayName(), request.purpose(), request.contentOwnerId(),
                names.apply(request.contentOwnerId()), request.backupModeratorId(),
                names.apply(request.backupModeratorId()), request.contentOwnerFte(), request.lowFte(),
                request.requestedBy(), names.apply(request.requestedBy()), request.requestedAt(), request.decidedBy(),
                request.decidedBy() == null ? null : names.apply(request.decidedBy()), request.decidedAt(),
                request.decisionComment(), request.lowFteAcknowledged());
    }
}
