package edu.ucla.dgsom.escrow.policy.boundary;

import edu.ucla.dgsom.escrow.policy.entity.HolderDuty;
import java.time.Duration;
import java.time.Instant;

/**
 * A holder's duty on one account: AWAITING the holder's acknowledgement (due by {@code dueAt}; {@code overdue} once
 * it passed), ACKNOWLEDGED (with the policy version read), or ENDED (someone else holds the place, or the account was
 * retired).
 */
public record DutyView(String id, String accountId, String accountName, String duty, String personId,
        String personName, String state, Instant assignedAt, Instant dueAt, boolean overdue, Instant acknowledgedAt,
        String policyVersion, Instant endedAt) {

    static DutyView of(HolderDuty duty, String accountName, String personName, Duration within, Instant now) {
        return new DutyView(duty.id(), duty.accountId(), accountName, duty.duty().name(), duty.personId(),
                personName, duty.state().name(), duty.assignedAt(), duty.dueAt(within), duty.overdue(now, within),
                duty.acknowledgedAt(), duty.policyVersion(), duty.endedAt());
    }
}
