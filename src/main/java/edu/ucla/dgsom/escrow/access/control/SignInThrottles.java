package edu.ucla.dgsom.escrow.access.control;

import edu.ucla.dgsom.escrow.access.entity.SignInDevice;
import edu.ucla.dgsom.escrow.access.entity.SignInThrottle;
import edu.ucla.dgsom.escrow.security.Secrets;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The throttle rows that slow guessing down (docs/access.md): which rows an attempt counts against, taking them locked
 * in one order, and purging the stale ones. Rows are taken in the caller's transaction.
 */
@Stateless
public class SignInThrottles {

    @PersistenceContext
    EntityManager em;

    @Inject
    AccessSettings settings;

    /** What a throttle row counts failures of. */
    public enum Kind {
        /** One person's trusted browser (a device cookie). */
        DEVICE,
        USERNAME,
        ADDRESS,
        /** One signed-in person's password changes. */
        PASSWORD_CHANGE,
        /** One signed-in person's TOTP codes given to re-enrol MFA or to get new recovery codes. */
        MFA_CHECK;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One throttle row of an attempt, with the number of failures that locks it and what it stands for. */
    public record Throttle(SignInThrottle row, int maxFailures, Kind kind) {

        /** Counts a failure; true when it locked the key. */
        boolean failed(Instant now, Duration lockDuration) {
            return row.failed(now, maxFailures, lockDuration);
        }
    }

    /**
     * OWASP's device cookies: a browser that signed this person in before is throttled on its own; any other attempt
     * per username and per client address.
     */
    public List<Throttle> forSignIn(SignInDevice device, String normalizedUsername, String address) {
        if (device != null) {
            return List.of(new Throttle(row(SignInThrottle.DEVICE_KEY + device.tokenHash()),
                    settings.maxFailures(), Kind.DEVICE));
        }
        return List.of(new Throttle(row(userKey(normalizedUsername)), settings.maxFailures(), Kind.USERNAME),
                new Throttle(row(SignInThrottle.ADDRESS_KEY + address), settings.maxFailuresPerAddress(),
                        Kind.ADDRESS));
    }

    /**
     * The person's own throttle row, not the username's: strangers guessing at the name must not lock a signed-in
     * person out of changing their password.
     */
    public Throttle forPasswordChange(String personId) {
        return new Throttle(row(SignInThrottle.PASSWORD_CHANGE_KEY + personId), settings.maxFailures(),
                Kind.PASSWORD_CHANGE);
    }

    /**
     * The person's own throttle row for the TOTP codes they give while signed in (re-enrolment, new recovery codes):
     * a stolen session cannot guess its way to a new second factor, and strangers cannot lock the person out.
     */
    public Throttle forMfaCheck(String personId) {
        return new Throttle(row(SignInThrottle.MFA_CHECK_KEY + personId), settings.maxFailures(), Kind.MFA_CHECK);
    }

    /**
     * Deletes the throttle rows of one kind ({@link SignInThrottle#KEY_PREFIXES}) whose failures are forgotten anyway.
     * A plain conditional delete: several instances may run it at once.
     */
    public int purgeStale(String keyPrefix) {
        Instant now = Instant.now();
        return em.createNamedQuery(SignInThrottle.DELETE_STALE).setParameter("prefix", keyPrefix + "%")
                .setParameter("before", now.minus(settings.lockDuration())).setParameter("now", now).executeUpdate();
    }

    /** Deletes device cookies that expired. */
    public int purgeExpiredDevices() {
        return em.createNamedQuery(SignInDevice.DELETE_EXPIRED).setParameter("now", Instant.now()).executeUpdate();
    }

    /** The throttle row for a key, created if missing and locked for this transaction. */
    private SignInThrottle row(String key) {
        SignInThrottle row = null;
        while (row == null) {
            // An existing row is locked exclusively at once: a shared lock (INSERT IGNORE) upgraded by the find
            // below would deadlock with a concurrent attempt on the same key.
            em.createNativeQuery("INSERT INTO sign_in_throttle (throttle_key, failures, last_failure)"
                    + " VALUES (?, 0, UTC_TIMESTAMP(6)) ON DUPLICATE KEY UPDATE throttle_key = throttle_key")
                    .setParameter(1, key).executeUpdate();
            // Null only when the purge deleted the row between the two statements: then it is inserted again.
            row = em.find(SignInThrottle.class, key, LockModeType.PESSIMISTIC_WRITE);
        }
        return row;
    }

    /** A username's throttle key: its digest, so that a password typed into the username field is not stored. */
    private static String userKey(String normalizedUsername) {
        return SignInThrottle.USERNAME_KEY + Secrets.sha256Hex(normalizedUsername);
    }
}
