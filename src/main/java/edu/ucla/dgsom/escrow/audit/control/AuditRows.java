package edu.ucla.dgsom.escrow.audit.control;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** The audit entry's columns, in the order {@link AuditEntry} and the canonical encoding use, and reading them. */
final class AuditRows {

    /** The entry's fields, without sequence number and hash. */
    static final String FIELDS = "occurred_at, actor_type, actor_id, actor_name, actor_roles, action, target_type,"
            + " target_id, department_id, outcome, reason, client_address, request_id, details";

    private AuditRows() {
    }

    /** Reads {@link #FIELDS}, starting at column {@code first}, as the entry with sequence number {@code seq}. */
    static AuditEntry entry(ResultSet rows, int first, long seq) throws SQLException {
        return new AuditEntry(seq, rows.getObject(first, LocalDateTime.class).toInstant(ZoneOffset.UTC),
                rows.getString(first + 1), rows.getString(first + 2), rows.getString(first + 3),
                rows.getString(first + 4), rows.getString(first + 5), rows.getString(first + 6),
                rows.getString(first + 7), rows.getString(first + 8), rows.getString(first + 9),
                rows.getString(first + 10), rows.getString(first + 11), rows.getString(first + 12),
                rows.getString(first + 13));
    }
}
