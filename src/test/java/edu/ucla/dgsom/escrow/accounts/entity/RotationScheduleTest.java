package edu.ucla.dgsom.escrow.accounts.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.ucla.dgsom.escrow.accounts.entity.RotationInterval.Source;
import edu.ucla.dgsom.escrow.accounts.entity.RotationReminder.Audience;
import edu.ucla.dgsom.escrow.accounts.entity.RotationReminder.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RotationScheduleTest {

    private static final Instant NOW = Instant.parse("2026-12-03T09:00:00Z");
    private static final RotationInterval PLATFORM = new RotationInterval(90, Source.PLATFORM);
    private static final RotationInterval DEFAULT = new RotationInterval(180, Source.DEFAULT);

    private static Instant days(long days) {
        return NOW.plus(Duration.ofDays(days));
    }

    private static RotationSchedule rotatedAt(Instant at) {
        RotationSchedule schedule = new RotationSchedule();
        schedule.rotated(true, DEFAULT, at);
        return schedule;
    }

    @Test
    void nothing_is_due_before_the_first_credentials() {
        RotationSchedule schedule = new RotationSchedule();
        assertNull(schedule.dueAt());
        assertNull(schedule.lastRotatedAt());
        assertEquals(Optional.empty(), schedule.reminderAt(days(1000), AccountStatus.ACTIVE));
    }

    @Test
    void the_accounts_own_interval_wins_over_the_platforms_and_the_platforms_over_the_global_default() {
        RotationSchedule schedule = new RotationSchedule();
        schedule.rotated(true, PLATFORM, NOW);
        assertEquals(days(90), schedule.nextDueAt(), "the platform's interval");
        assertEquals(PLATFORM, schedule.interval(PLATFORM));
        assertEquals(PLATFORM, schedule.setInterval(30, PLATFORM), "answers the interval before");
        assertEquals(new RotationInterval(30, Source.ACCOUNT), schedule.interval(PLATFORM));
        assertEquals(days(30), schedule.nextDueAt(), "the due date moves with the interval");
        assertEquals(new RotationInterval(30, Source.ACCOUNT), schedule.clearInterval(DEFAULT));
        assertEquals(DEFAULT, schedule.interval(DEFAULT));
        assertEquals(days(180), schedule.nextDueAt());
    }

    @Test
    void an_interval_is_one_to_730_days() {
        RotationSchedule schedule = rotatedAt(NOW);
        assertThrows(IllegalArgumentException.class, () -> schedule.setInterval(0, DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> schedule.setInterval(731, DEFAULT));
        assertEquals(days(180), schedule.nextDueAt(), "a refused interval changes nothing");
        schedule.setInterval(730, DEFAULT);
        assertEquals(days(730), schedule.nextDueAt());
    }

    @Test
    void a_new_password_or_totp_seed_moves_the_due_date_and_other_changes_do_not() {
        RotationSchedule schedule = rotatedAt(NOW);
        schedule.rotated(false, DEFAULT, days(10));
        assertEquals(NOW, schedule.lastRotatedAt(), "new recovery codes are no rotation of the secrets");
        assertEquals(days(180), schedule.nextDueAt());
        schedule.rotated(true, DEFAULT, days(20));
        assertEquals(days(20), schedule.lastRotatedAt());
        assertEquals(days(200), schedule.nextDueAt());
    }

    @Test
    void the_first_credentials_start_the_schedule_whatever_they_hold() {
        RotationSchedule schedule = new RotationSchedule();
        schedule.rotated(false, DEFAULT, NOW);
        assertEquals(NOW, schedule.lastRotatedAt());
        assertEquals(days(180), schedule.nextDueAt());
    }

    @Test
    void a_flag_is_due_when_it_is_earlier_than_the_schedule_and_any_rotation_clears_it() {
        RotationSchedule schedule = rotatedAt(NOW);
        schedule.require(days(1), days(8));
        assertEquals(days(8), schedule.dueAt());
        assertEquals(RotationSchedule.Reason.REQUIRED, schedule.reason());
        schedule.require(days(2), days(400));
        assertEquals(days(8), schedule.requiredBy(), "the earliest flag's date stays");
        schedule.rotated(false, DEFAULT, days(3));
        assertNull(schedule.requiredBy());
        assertNull(schedule.requiredSince());
        assertEquals(days(180), schedule.dueAt());
        assertEquals(RotationSchedule.Reason.SCHEDULED, schedule.reason());
    }

    @Test
    void a_flag_later_than_the_schedule_leaves_the_scheduled_date_due() {
        RotationSchedule schedule = rotatedAt(NOW);
        schedule.require(NOW, days(365));
        assertEquals(days(180), schedule.dueAt());
        assertEquals(RotationSchedule.Reason.SCHEDULED, schedule.reason());
    }

    @Test
    void reminders_follow_the_scheduled_date_not_a_flag() {
        RotationSchedule schedule = rotatedAt(NOW);
        schedule.require(NOW, days(1));
        assertEquals(Optional.empty(), schedule.reminderAt(days(2), AccountStatus.ACTIVE));
        RotationReminder reminder = schedule.reminderAt(days(166), AccountStatus.ACTIVE).orElseThrow();
        assertEquals(new RotationReminder(days(180), Stage.D14, Audience.CONTENT_OWNER), reminder);
        assertEquals(days(180).toString(), reminder.cycle());
    }

    @Test
    void a_suspended_accounts_reminders_all_go_to_dgit_and_a_retired_account_gets_none() {
        RotationSchedule schedule = rotatedAt(NOW);
        assertEquals(Audience.DGIT_ADMINS, schedule.reminderAt(days(166), AccountStatus.SUSPENDED).orElseThrow()
                .audience());
        assertEquals(Audience.DGIT_ADMINS, schedule.reminderAt(days(180), AccountStatus.SUSPENDED).orElseThrow()
                .audience());
        assertEquals(Optional.empty(), schedule.reminderAt(days(190), AccountStatus.RETIRED));
        assertTrue(schedule.reminderAt(days(190), AccountStatus.REQUESTED).isPresent());
    }

    @Test
    void a_moved_due_date_is_a_new_cycle() {
        RotationSchedule schedule = rotatedAt(NOW);
        String first = schedule.reminderAt(days(170), AccountStatus.ACTIVE).orElseThrow().cycle();
        schedule.rotated(true, DEFAULT, days(171));
        schedule.setInterval(10, DEFAULT);
        RotationReminder next = schedule.reminderAt(days(171), AccountStatus.ACTIVE).orElseThrow();
        assertEquals(Stage.D14, next.stage(), "ten days ahead: the 14-day reminder of the new date");
        assertEquals(days(181).toString(), next.cycle());
        assertTrue(!next.cycle().equals(first));
    }
}
