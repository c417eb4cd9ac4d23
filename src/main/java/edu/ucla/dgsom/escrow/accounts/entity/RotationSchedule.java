package edu.ucla.dgsom.escrow.accounts.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * When an account's credentials are due for rotation. Two reasons, each with its own date: the schedule (the
 * credentials' interval after the last rotation that replaced the password or TOTP seed) and a flag (someone who could
 * reveal them left, so they must be rotated by a date). Any rotation clears the flag; only a new password or TOTP seed
 * moves the scheduled date.
 */
@Embeddable
public class RotationSchedule {

    /** Why the credentials are due. */
    public enum Reason { SCHEDULED, REQUIRED }

    /** The account's own interval in days; null when its platform's or the global default applies. */
    @Column(name = "rotation_interval_days")
    private Integer intervalDays;

    @Column(name = "last_rotated_at")
    private Instant lastRotatedAt;

    @Column(name = "next_rotation_due_at")
    private Instant nextDueAt;

    @Column(name = "rotation_required_since")
    private Instant requiredSince;

    @Column(name = "rotation_due_at")
    private Instant requiredBy;

    /**
     * A new credential version: the flag is cleared; the schedule starts again from {@code now} when the version
     * replaced a secret someone could have taken away (or is the first).
     */
    void rotated(boolean secretReplaced, RotationInterval fallback, Instant now) {
        requiredSince = null;
        requiredBy = null;
        if (secretReplaced || lastRotatedAt == null) {
            lastRotatedAt = now.truncatedTo(ChronoUnit.MICROS);
            reschedule(fallback);
        }
    }

    /** Flags the credentials for rotation by {@code due}; the earliest due date stays. */
    void require(Instant now, Instant due) {
        if (requiredSince == null) {
            requiredSince = now.truncatedTo(ChronoUnit.MICROS);
        }
        if (requiredBy == null || due.isBefore(requiredBy)) {
            requiredBy = due.truncatedTo(ChronoUnit.MICROS);
        }
    }

    /** Makes {@code days} the account's own interval and moves the scheduled date; answers the interval before. */
    RotationInterval setInterval(int days, RotationInterval fallback) {
        RotationInterval before = interval(fallback);
        intervalDays = RotationInterval.ofAccount(days).days();
        reschedule(fallback);
        return before;
    }

    /** Lets the platform's or the global default apply again and moves the scheduled date; answers the one before. */
    RotationInterval clearInterval(RotationInterval fallback) {
        RotationInterval before = interval(fallback);
        intervalDays = null;
        reschedule(fallback);
        return before;
    }

    private void reschedule(RotationInterval fallback) {
        nextDueAt = lastRotatedAt == null ? null
                : lastRotatedAt.plus(Duration.ofDays(interval(fallback).days()));
    }

    /** The interval that applies: the account's own, else {@code fallback} (its platform's or the global default). */
    public RotationInterval interval(RotationInterval fallback) {
        return intervalDays == null ? fallback : RotationInterval.ofAccount(intervalDays);
    }

    /** The earlier of the scheduled date and a flag's date; null when neither is set. */
    public Instant dueAt() {
        if (nextDueAt == null || (requiredBy != null && requiredBy.isBefore(nextDueAt))) {
            return requiredBy;
        }
        return nextDueAt;
    }

    /** Why the credentials are due at {@link #dueAt()}: a flag wins a tie. */
    public Reason reason() {
        return requiredBy != null && !requiredBy.isAfter(dueAt()) ? Reason.REQUIRED : Reason.SCHEDULED;
    }

    /**
     * The reminder due at {@code now} for an account in {@code status}: the latest stage reached for the scheduled
     * date (a flag is told by whoever raised it), addressed as the stage says. None for a retired account or one
     * without credentials (it has no scheduled date); while it is suspended only DGIT's admins may rotate, so every
     * stage goes to them.
     */
    public Optional<RotationReminder> reminderAt(Instant now, AccountStatus status) {
        if (nextDueAt == null || status == AccountStatus.RETIRED) {
            return Optional.empty();
        }
        return RotationReminder.Stage.reachedAt(nextDueAt, now).map(stage -> new RotationReminder(nextDueAt, stage,
                status == AccountStatus.SUSPENDED ? RotationReminder.Audience.DGIT_ADMINS : stage.audience()));
    }

    public Integer intervalDays() {
        return intervalDays;
    }

    public Instant lastRotatedAt() {
        return lastRotatedAt;
    }

    public Instant nextDueAt() {
        return nextDueAt;
    }

    public Instant requiredSince() {
        return requiredSince;
    }

    public Instant requiredBy() {
        return requiredBy;
    }
}
