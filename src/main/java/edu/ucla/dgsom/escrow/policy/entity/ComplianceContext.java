package edu.ucla.dgsom.escrow.policy.entity;

import edu.ucla.dgsom.escrow.accounts.entity.AccountFacts;
import edu.ucla.dgsom.escrow.policy.entity.ComplianceCheck.Finding;
import edu.ucla.dgsom.escrow.policy.entity.ComplianceCheck.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the checks need to know of the school beyond the account, read once for a report: the moment it is judged,
 * the holders' open duties and how long they have to acknowledge them, who is still active, which departments have
 * an active owner with MFA, whether DGIT has an admin with MFA, pending approval requests, and the digest of the
 * recovery-contact rules in force.
 */
public record ComplianceContext(Instant now, Duration acknowledgeWithin, Map<String, List<HolderDuty>> openDuties,
        Set<String> activePeople, Set<String> departmentsOwnedWithMfa, boolean dgitWithMfa,
        Map<String, Instant> pendingRequests, String recoveryRulesDigest) {

    boolean ownedWithMfa(String departmentId) {
        return departmentsOwnedWithMfa.contains(departmentId);
    }

    Instant pendingSince(String accountId) {
        return pendingRequests.get(accountId);
    }

    /** An active holder in {@code role} who acknowledged the duties; pending while the time to do so runs. */
    Finding holder(AccountFacts account, HolderDuty.Duty role, String name) {
        String personId = role == HolderDuty.Duty.CONTENT_OWNER ? account.contentOwnerId()
                : account.backupModeratorId();
        if (!activePeople.contains(personId)) {
            return ComplianceCheck.fail("the " + name + " is no longer active");
        }
        HolderDuty duty = openDuties.getOrDefault(account.id(), List.of()).stream()
                .filter(d -> d.duty() == role && d.personId().equals(personId)).findFirst().orElse(null);
        if (duty == null) {
            return ComplianceCheck.unknown("no duty on record for the " + name);
        }
        if (duty.acknowledgedAt() != null) {
            return ComplianceCheck.pass("duties acknowledged on " + ComplianceCheck.when(duty.acknowledgedAt()));
        }
        Instant due = duty.dueAt(acknowledgeWithin);
        return duty.overdue(now, acknowledgeWithin)
                ? ComplianceCheck.fail("duties not acknowledged, due " + ComplianceCheck.when(due))
                : new Finding(Result.PENDING, "duties to acknowledge by " + ComplianceCheck.when(due));
    }
}
