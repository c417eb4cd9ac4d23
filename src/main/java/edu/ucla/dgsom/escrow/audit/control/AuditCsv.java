package edu.ucla.dgsom.escrow.audit.control;

import edu.ucla.dgsom.escrow.web.Csv;
import java.util.Base64;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The CSV form of an export (RFC 4180): one row per entry, then one per checkpoint. */
final class AuditCsv {

    static final String HEADER = "record,seq,occurred_at,actor_type,actor_id,actor_name,actor_roles,action,target_type,"
            + "target_id,department_id,outcome,reason,client_address,request_id,details,hash,signature\r\n";

    private AuditCsv() {
    }

    static String entry(AuditEntry e, byte[] hash) {
        return row("entry", Long.toString(e.seq()), AuditChain.timestamp(e.occurredAt()), e.actorType(), e.actorId(),
                e.actorName(), e.actorRoles(), e.action(), e.targetType(), e.targetId(), e.departmentId(), e.outcome(),
                e.reason(), e.clientAddress(), e.requestId(), e.details(), AuditChain.hex(hash), null);
    }

    static String checkpoint(AuditCheckpoint c) {
        return row("checkpoint", Long.toString(c.seq()), AuditChain.timestamp(c.createdAt()), null, null, null, null,
                null, null, null, null, null, null, null, null, null, AuditChain.hex(c.headHash()),
                Base64.getEncoder().encodeToString(c.signature()));
    }

    /** The cells as {@link Csv} quotes and neutralises them; the export adds the line feed after the CR. */
    private static String row(String... values) {
        return Stream.of(values).map(Csv::cell).collect(Collectors.joining(",")) + "\r";
    }
}
