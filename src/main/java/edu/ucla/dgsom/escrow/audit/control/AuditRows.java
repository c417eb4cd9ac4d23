package edu.ucla.dgsom.escrow.audit.control;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Calendar;
import java.util.TimeZone;

/**
 * The audit entry's columns, in the order {@link AuditEntry} and the canonical encoding use, and a reader of them for
 * one query on one thread.
 */
final class AuditRows {

    /** The entry's fields, without sequence number and hash. */
    static final String FIELDS = "occurred_at, actor_type, actor_id, actor_name, actor_roles, action, target_type,"
            + " target_id, department_id, outcome, reason, client_address, request_id, details";

    /**
     * What the driver reads the stored UTC times with. It sets the calendar up for every value read, so each reader
     * has its own. Through the pool's wrapper, {@code getObject(column, LocalDateTime.class)} looked the driver's
     * method up by reflection on every call, which made up most of a verification's time.
     */
    private final Calendar utcCalendar = Calendar.getInstance(TimeZone.getTimeZone("UTC"));

    /** Reads {@link #FIELDS}, starting at column {@code first}, as the entry with sequence number {@code seq}. */
    AuditEntry entry(ResultSet rows, int first, long seq) throws SQLException {
        return new AuditEntry(seq, time(rows, first),
                rows.getString(first + 1), rows.getString(first + 2), rows.getString(first + 3),
                rows.getString(first + 4), rows.getString(first + 5), rows.getString(first + 6),
                rows.getString(first + 7), rows.getString(first + 8), rows.getString(first + 9),
                rows.getString(first + 10), rows.getString(first + 11), rows.getString(first + 12),
                rows.getString(first + 13));
    }

    /** A UTC time column. */
    Instant time(ResultSet rows, int column) throws SQLException {
        return rows.getTimestamp(column, utcCalendar).toInstant();
    }
}
