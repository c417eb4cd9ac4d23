package edu.ucla.dgsom.escrow.access.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Recent failed sign-ins for one key: a username (whether it exists or not), a client address, or one person's
 * trusted browser (a device cookie). Rows whose failures are forgotten anyway are purged on a schedule.
 */
@Entity
@Table(name = "sign_in_throttle")
@NamedQuery(name = SignInThrottle.DELETE_STALE, query = "DELETE FROM SignInThrottle t WHERE t.key LIKE :prefix"
        + " AND t.lastFailure < :before AND (t.lockedUntil IS NULL OR t.lockedUntil < :now)")
public class SignInThrottle {

    /**
     * Rows of one kind ({@code prefix} ending in %) whose last failure is older than {@code before} and that hold no
     * running lock at {@code now}.
     */
    public static final String DELETE_STALE = "SignInThrottle.deleteStale";

    public static final String USERNAME_KEY = "user:";
    public static final String ADDRESS_KEY = "address:";
    public static final String DEVICE_KEY = "device:";
    public static final String PASSWORD_CHANGE_KEY = "password-change:";
    public static final String MFA_CHECK_KEY = "mfa-check:";

    /**
     * The kinds of keys, in the order a sign-in locks their rows (username, then address; or only the device; a
     * password change and a check of a signed-in person's TOTP code only their own). The purge deletes them in this order, one kind per transaction, so that it
     * cannot deadlock with a sign-in.
     */
    public static final List<String> KEY_PREFIXES = List.of(USERNAME_KEY, ADDRESS_KEY, DEVICE_KEY,
            PASSWORD_CHANGE_KEY, MFA_CHECK_KEY);

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

    /** How long the running lock still lasts; zero when there is none. */
    public Duration lockRemaining(Instant now) {
        return lockedAt(now) ? Duration.between(now, lockedUntil) : Duration.ZERO;
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
