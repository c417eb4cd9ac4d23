package edu.ucla.dgsom.escrow.offboarding.control;

import edu.ucla.dgsom.escrow.offboarding.entity.OffboardingCase;
import edu.ucla.dgsom.escrow.offboarding.entity.OffboardingItem;

/**
 * A hand-over that awaits a person's confirmation, with the names a person reads it by: the account's display name
 * (null for an item about no account) and the leaver's name.
 */
public record HandoverToConfirm(OffboardingCase offboarding, OffboardingItem item, String accountName,
        String leaverName) {
}
