package edu.ucla.dgsom.escrow.audit.control;

import java.time.Instant;

/**
 * One entry of the chain, as hashed, exported and verified. Plain Java: the offline verifier uses it without any
 * server library. Times are UTC with microseconds.
 */
public record AuditEntry(long seq, Instant occurredAt, String actorType, String actorId, String actorName,
        String actorRoles, String action, String targetType, String targetId, String departmentId, String outcome,
        String reason, String clientAddress, String requestId, String details) {

    /** The text fields in their canonical order (docs/audit.md). */
    String[] fields() {
        return new String[] {AuditChain.timestamp(occurredAt), actorType, actorId, actorName, actorRoles, action,
            targetType, targetId, departmentId, outcome, reason, clientAddress, requestId, details};
    }
}
