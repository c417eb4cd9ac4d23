package edu.ucla.dgsom.escrow.it;

import java.sql.SQLException;
import java.util.Collection;
import java.util.stream.Collectors;

/** What the rotation-schedule tests share: time moved by SQL. */
final class Reminded {

    private Reminded() {
    }

    /**
     * Makes the accounts' credentials due at {@code UTC_TIMESTAMP(6) + INTERVAL <offset>} (e.g. {@code 13 DAY},
     * {@code -1 HOUR}), as if last rotated {@code intervalDays} before, in one statement.
     */
    static void dueIn(Collection<String> accountIds, String offset, int intervalDays) throws SQLException {
        String ids = accountIds.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", "));
        TestDatabase.update("UPDATE official_account SET next_rotation_due_at = UTC_TIMESTAMP(6) + INTERVAL " + offset
                + ", last_rotated_at = UTC_TIMESTAMP(6) + INTERVAL " + offset + " - INTERVAL " + intervalDays
                + " DAY WHERE id IN (" + ids + ")");
    }
}
