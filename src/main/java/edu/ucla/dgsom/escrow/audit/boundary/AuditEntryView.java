package edu.ucla.dgsom.escrow.audit.boundary;

import edu.ucla.dgsom.escrow.audit.control.AuditChain;
import edu.ucla.dgsom.escrow.audit.control.AuditEntry;
import java.time.Instant;

/** One audit entry with its chain hash. */
public record AuditEntryView(long seq, Instant occurredAt, String actorType, String actorId, String actorName,
        String actorRoles, String action, String targetType, String targetId, String departmentId, String outcome,
        String reason, String clientAddress, String requestId, String details, String hash) {

    static AuditEntryView of(AuditEntry e, byte[] hash) {
        return new AuditEntryView(e.seq(), e.occurredAt(), e.actorType(), e.actorId(), e.actorName(), e.actorRoles(),
                e.action(), e.targetType(), e.targetId(), e.departmentId(), e.outcome(), e.reason(), e.clientAddress(),
                e.requestId(), e.details(), AuditChain.hex(hash));
    }
}
