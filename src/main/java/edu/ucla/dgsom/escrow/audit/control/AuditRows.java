package edu.ucla.dgsom.escrow.audit.control;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Calendar;
import java.util.TimeZone;

/** The audit entry's columns, in the order {@link AuditEntry} and the canonical encoding use, and reading them. */
final class AuditRows {

    /** The entry's fields, without sequence number and hash. */
    static final String FIELDS = "occurred_at, actor_type, actor_id, actor_name, actor_roles, action, target_type,"
            + " target_id, department_id, outcome, reason, client_address, request_id, details";

    /**
     * Audit times are stored as UTC. Read through the pool's wrapper, {@code getObject(column, LocalDateTime.class)}
     * looks the driver's method up by reflection on every call, which made up most of a verification's time; the
     * driver reads a timestamp with a calendar under the calendar's own lock, so one is shared.
     */
    private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));

    private AuditRows() {
    }

    /** Reads {@link #FIELDS}, starting at column {@code first}, as the entry with sequence number {@code seq}. */
    static AuditEntry entry(ResultSet rows, int first, long seq) throws SQLException {
        return new AuditEntry(seq, utc(rows, first),
                rows.getString(first + 1), rows.getString(first + 2), rows.getString(first + 3),
                rows.getString(first + 4), rows.getString(first + 5), rows.getString(first + 6),
                rows.getString(first + 7), rows.getString(first + 8), rows.getString(first + 9),
                rows.getString(first + 10), rows.getString(first + 11), rows.getString(first + 12),
                rows.getString(first + 13));
    }

    /** A UTC time column. */
    static Instant utc(ResultSet rows, int column) throws SQLException {
        return rows.getTimestamp(column, UTC).toInstant();
    }
}
