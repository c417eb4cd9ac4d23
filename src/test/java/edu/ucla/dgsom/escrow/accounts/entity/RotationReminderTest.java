package edu.ucla.dgsom.escrow.accounts.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import edu.ucla.dgsom.escrow.accounts.entity.RotationReminder.Audience;
import edu.ucla.dgsom.escrow.accounts.entity.RotationReminder.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RotationReminderTest {

    private static final Instant DUE = Instant.parse("2027-06-01T12:00:00Z");

    private static Optional<Stage> at(Duration fromDue) {
        return Stage.reachedAt(DUE, DUE.plus(fromDue));
    }

    @Test
    void no_stage_is_reached_more_than_14_days_ahead() {
        assertEquals(Optional.empty(), at(Duration.ofDays(-14).minusNanos(1000)));
    }

    @Test
    void each_stage_is_reached_at_its_moment_and_lasts_until_the_next() {
        assertEquals(Optional.of(Stage.D14), at(Duration.ofDays(-14)));
        assertEquals(Optional.of(Stage.D14), at(Duration.ofDays(-3).minusSeconds(1)));
        assertEquals(Optional.of(Stage.D3), at(Duration.ofDays(-3)));
        assertEquals(Optional.of(Stage.DUE), at(Duration.ZERO));
        assertEquals(Optional.of(Stage.DUE), at(Duration.ofDays(7).minusSeconds(1)));
        assertEquals(Optional.of(Stage.OVERDUE7), at(Duration.ofDays(7)));
    }

    @Test
    void a_late_start_reaches_only_the_latest_stage() {
        assertEquals(Optional.of(Stage.OVERDUE7), at(Duration.ofDays(400)));
        assertEquals(Optional.of(Stage.DUE), at(Duration.ofHours(1)));
    }

    @Test
    void each_stage_names_its_audience() {
        assertEquals(Audience.CONTENT_OWNER, Stage.D14.audience());
        assertEquals(Audience.CONTENT_OWNER, Stage.D3.audience());
        assertEquals(Audience.CONTENT_OWNER_AND_DEPARTMENT_OWNERS, Stage.DUE.audience());
        assertEquals(Audience.DGIT_ADMINS, Stage.OVERDUE7.audience());
    }
}
