package edu.ucla.dgsom.escrow.accounts.entity;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A reminder that an account's credentials are due for rotation: which due date it is about (its cycle; a moved due
 * date is a new cycle), how far along that cycle is (its stage) and who is told.
 */
public record RotationReminder(Instant dueAt, Stage stage, Audience audience) {

    /** The reminders of one due date, in the order they are reached. */
    public enum Stage {
        D14(Duration.ofDays(-14), Audience.CONTENT_OWNER),
        D3(Duration.ofDays(-3), Audience.CONTENT_OWNER),
        DUE(Duration.ZERO, Audience.CONTENT_OWNER_AND_DEPARTMENT_OWNERS),
        OVERDUE7(Duration.ofDays(7), Audience.DGIT_ADMINS);

        private final Duration fromDue;
        private final Audience audience;

        Stage(Duration fromDue, Audience audience) {
            this.fromDue = fromDue;
            this.audience = audience;
        }

        /** The latest stage reached at {@code now} for the due date {@code dueAt}: a late start skips earlier ones. */
        public static Optional<Stage> reachedAt(Instant dueAt, Instant now) {
            Stage reached = null;
            for (Stage stage : values()) {
                if (!now.isBefore(stage.at(dueAt))) {
                    reached = stage;
                }
            }
            return Optional.ofNullable(reached);
        }

        /** When this stage of the due date {@code dueAt} is reached. */
        public Instant at(Instant dueAt) {
            return dueAt.plus(fromDue);
        }

        public Audience audience() {
            return audience;
        }
    }

    /** Who a reminder goes to. */
    public enum Audience {
        CONTENT_OWNER,
        /** The content owner and the department's owners (DGIT's admins when the department has none). */
        CONTENT_OWNER_AND_DEPARTMENT_OWNERS,
        DGIT_ADMINS
    }

    /** The cycle this reminder belongs to: its due date, as ISO-8601 text. */
    public String cycle() {
        return dueAt.toString();
    }
}
