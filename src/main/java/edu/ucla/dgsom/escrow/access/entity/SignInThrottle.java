package edu.ucla.dgsom.escrow.access.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/** Recent failed sign-ins for one username (whether it exists or not) or one client address. */
@Entity
@Table(name = "sign_in_throttle")
public class SignInThrottle {

    @Id
    @Column(name = "throttle_key")
    private String key;

    @Column(nullable = false)
    private int failures;

    @Column(name = "last_failure", nullable = false)
    private Instant lastFailure;

    @Column(name = "locked_until")
    private Instant lockedUntil;

    protected SignInThrottle() {
    }

    public SignInThrottle(String key, Instant now) {
        this.key = key;
        this.lastFailure = now;
    }

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    /**
     * Counts a failure; failures older than the lock duration are forgotten first.
     *
     * @return true when this failure locked the key
     */
    public boolean failed(Instant now, int maxFailures, Duration lockDuration) {
        if (now.isAfter(lastFailure.plus(lockDuration))) {
            failures = 0;
        }
        failures++;
        lastFailure = now;
        if (failures >= maxFailures && !lockedAt(now)) {
            lockedUntil = now.plus(lockDuration);
            failures = 0;
            return true;
        }
        return false;
    }

    /** A successful sign-in forgets earlier failures (not a running lock). */
    public void cleared() {
        failures = 0;
    }

    public int failures() {
        return failures;
    }
}
