package edu.ucla.dgsom.escrow.offboarding.boundary;

import edu.ucla.dgsom.escrow.offboarding.control.HandoverToConfirm;
import java.time.Instant;

/**
 * A hand-over that awaits the caller's confirmation (POST /offboardings/{caseId}/items/{itemId}/confirmation):
 * what passed to them, or to DGIT, from whom. {@code accountName} is the account's display name, {@code departmentId}
 * the account's department; both null, with {@code accountId}, for an item about no account.
 */
public record HandoverView(String caseId, String itemId, String kind, String accountId, String accountName,
        String departmentId, String leaverId, String leaverName, Instant dueAt) {

    static HandoverView of(HandoverToConfirm handover) {
        return new HandoverView(handover.offboarding().id(), handover.item().id(), handover.item().kind().name(),
                handover.item().accountId(), handover.accountName(), handover.item().departmentId(),
                handover.offboarding().personId(), handover.leaverName(), handover.item().dueAt());
    }
}
