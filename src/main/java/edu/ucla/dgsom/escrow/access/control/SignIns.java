package edu.ucla.dgsom.escrow.access.control;

import edu.ucla.dgsom.escrow.access.entity.Person;
import edu.ucla.dgsom.escrow.access.entity.RecoveryCode;
import edu.ucla.dgsom.escrow.access.entity.RoleGrant;
import edu.ucla.dgsom.escrow.access.entity.SignIn;
import edu.ucla.dgsom.escrow.access.entity.SignInSession;
import edu.ucla.dgsom.escrow.access.entity.SignInThrottle;
import edu.ucla.dgsom.escrow.audit.control.AuditAction;
import edu.ucla.dgsom.escrow.audit.control.AuditTrail;
import edu.ucla.dgsom.escrow.audit.control.Outcome;
import edu.ucla.dgsom.escrow.crypto.control.SealContext;
import edu.ucla.dgsom.escrow.crypto.control.SealedValues;
import edu.ucla.dgsom.escrow.crypto.control.Totp;
import edu.ucla.dgsom.escrow.problems.Problem;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import edu.ucla.dgsom.escrow.security.Caller;
import edu.ucla.dgsom.escrow.security.Role;
import edu.ucla.dgsom.escrow.security.Secrets;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Signing people in and out and changing passwords. A failed sign-in commits its throttle counters and audit entry
 * and is reported through the result, never through an exception, so nothing of it is rolled back.
 */
@Stateless
public class SignIns {

    /** Verified when the username is unknown, so that the answer takes as long as for a known one. */
    private static volatile String dummyHash;

    @PersistenceContext
    EntityManager em;

    @Inject
    AccessSettings settings;

    @Inject
    Identities identities;

    @Inject
    SealedValues sealedValues;

    @Inject
    AuditTrail audit;

    @Inject
    Caller caller;

    /** What became of a sign-in attempt. Tokens are set only on success. */
    public record Result(Status status, String personId, String sessionToken, String csrfToken, Instant expiresAt,
            String restriction, Duration delay) {

        /** SIGNED_IN, FAILED (any of: no such user, wrong password or code, locked, disabled), MFA_REQUIRED. */
        public enum Status { SIGNED_IN, FAILED, MFA_REQUIRED }

        /** Never prints the secret it carries, should anything log it. */
        @Override
        public String toString() {
            return "Result[status=" + status + ", personId=" + personId + ", restriction=" + restriction
                    + ", tokens redacted]";
        }

        static Result failed(Duration delay) {
            return new Result(Status.FAILED, null, null, null, null, null, delay);
        }
    }

    @PostConstruct
    void prepareDummyHash() {
        if (dummyHash == null) {
            dummyHash = settings.passwordHasher().hash("not a password of anyone".toCharArray());
        }
    }

    /**
     * Checks the credentials and opens a new session. {@code previousSession}, the token of a session the client
     * still holds, is ended either way: the session id always changes at sign-in.
     */
    public Result signIn(String username, char[] password, String totpCode, String recoveryCode, String address,
            String previousSession) {
        Instant now = Instant.now();
        if (previousSession != null) {
            SignInSession previous = em.find(SignInSession.class, Secrets.sha256Hex(previousSession));
            if (previous != null) {
                em.remove(previous);
            }
        }
        String normalized = username.trim().toLowerCase(Locale.ROOT);
        SignInThrottle userThrottle = throttle("user:" + normalized);
        SignInThrottle addressThrottle = throttle("address:" + address);
        SignIn signIn = em.createNamedQuery(SignIn.BY_USERNAME, SignIn.class).setParameter("username", normalized)
                .getResultStream().findFirst().orElse(null);
        PasswordHasher hasher = settings.passwordHasher();
        boolean passwordMatches = hasher.verify(password, signIn != null ? signIn.passwordHash() : dummyHash);
        Person person = signIn == null ? null : em.find(Person.class, signIn.personId());
        Target target = new Target(normalized, signIn == null ? null : signIn.personId());

        if (userThrottle.lockedAt(now) || addressThrottle.lockedAt(now)) {
            target.record(audit, Outcome.DENIED, "locked after repeated failures");
            return Result.failed(Duration.ZERO);
        }
        if (!passwordMatches || person == null || !person.active() || !signIn.enabled()) {
            return failure(target, userThrottle, addressThrottle, now, "wrong username or password, or disabled");
        }
        if (signIn.mfaState() == SignIn.MfaState.ENROLLED) {
            if (isBlank(totpCode) && isBlank(recoveryCode)) {
                target.record(audit, Outcome.FAILED, "MFA code required");
                return new Result(Result.Status.MFA_REQUIRED, null, null, null, null, null, Duration.ZERO);
            }
            if (!secondFactorMatches(signIn, totpCode, recoveryCode, now)) {
                return failure(target, userThrottle, addressThrottle, now, "wrong MFA code");
            }
        }
        if (hasher.needsRehash(signIn.passwordHash())) {
            signIn.rehashed(hasher.hash(password));
        }
        signIn.signedIn(now);
        userThrottle.cleared();
        String sessionToken = Secrets.newToken("esc_s_");
        String csrfToken = Secrets.newToken("esc_c_");
        SignInSession session = new SignInSession(Secrets.sha256Hex(sessionToken), person.id(),
                Secrets.sha256Hex(csrfToken), now, settings.absoluteTimeout());
        em.persist(session);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        identities.grantsOf(person.id()).stream().map(RoleGrant::role).forEach(roles::add);
        target.record(audit, Outcome.ALLOWED, null);
        return new Result(Result.Status.SIGNED_IN, person.id(), sessionToken, csrfToken, session.expiresAt(),
                identities.restriction(signIn, roles), Duration.ZERO);
    }

    /** Ends the caller's session, if they have one. */
    public void signOut() {
        if (caller.sessionHash() != null) {
            SignInSession session = em.find(SignInSession.class, caller.sessionHash());
            if (session != null) {
                em.remove(session);
                audit.record(AuditAction.SIGN_OUT, AuditTrail.Target.of("person", caller.id()), Outcome.ALLOWED, null,
                        null);
            }
        }
    }

    /** Changes the signed-in person's password; the current one must be given again. Other sessions end. */
    public void changePassword(char[] current, char[] replacement) {
        SignIn signIn = em.find(SignIn.class, caller.id(), LockModeType.PESSIMISTIC_WRITE);
        PasswordHasher hasher = settings.passwordHasher();
        if (signIn == null || !hasher.verify(current, signIn.passwordHash())) {
            audit.record(AuditAction.PASSWORD_CHANGE, AuditTrail.Target.of("person", caller.id()), Outcome.FAILED,
                    "current password wrong", null);
            throw new ProblemException(ProblemType.FORBIDDEN, "The current password is wrong");
        }
        if (Arrays.equals(current, replacement)) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The new password must differ from the current one",
                    List.of(new Problem.FieldError("newPassword", "must differ from the current password")));
        }
        signIn.passwordChanged(hasher.hash(replacement));
        em.createQuery("DELETE FROM SignInSession s WHERE s.personId = :person AND s.tokenHash <> :current")
                .setParameter("person", caller.id()).setParameter("current", caller.sessionHash()).executeUpdate();
        audit.record(AuditAction.PASSWORD_CHANGE, AuditTrail.Target.of("person", caller.id()), Outcome.ALLOWED, null,
                null);
    }

    private boolean secondFactorMatches(SignIn signIn, String totpCode, String recoveryCode, Instant now) {
        if (!isBlank(totpCode)) {
            SealContext context = MfaEnrolments.seedContext(signIn.personId(), signIn.mfaGeneration());
            byte[] seed = sealedValues.open(context).orElse(null);
            if (seed == null) {
                return false;
            }
            try {
                long step = Totp.matchingStep(seed, totpCode.trim(), now, Totp.Algorithm.SHA1,
                        MfaEnrolments.DIGITS, MfaEnrolments.PERIOD_SECONDS);
                return step >= 0 && signIn.acceptTotpStep(step);
            } finally {
                Arrays.fill(seed, (byte) 0);
            }
        }
        String hash = Secrets.sha256Hex(recoveryCode.trim().toUpperCase(Locale.ROOT));
        return em.createNamedQuery(RecoveryCode.UNUSED, RecoveryCode.class).setParameter("person", signIn.personId())
                .setParameter("hash", hash).setParameter("generation", signIn.mfaGeneration())
                .getResultStream().findFirst()
                .map(code -> {
                    code.use(now);
                    return true;
                }).orElse(false);
    }

    private Result failure(Target target, SignInThrottle user, SignInThrottle address, Instant now, String reason) {
        boolean userLocked = user.failed(now, settings.maxFailures(), settings.lockDuration());
        boolean addressLocked = address.failed(now, settings.maxFailuresPerAddress(), settings.lockDuration());
        target.record(audit, Outcome.FAILED, reason);
        if (userLocked || addressLocked) {
            audit.record("USERNAME", target.personId, target.username, AuditAction.SIGN_IN_LOCKED,
                    AuditTrail.Target.of(userLocked ? "username" : "address", userLocked ? target.username : null),
                    Outcome.DENIED, "locked for " + settings.lockDuration(), null);
        }
        // Slow repeated guessing down: a quarter second more for every failure past the second, at most two seconds.
        long millis = Math.min(2_000, 250L * Math.max(0, user.failures() - 2));
        return Result.failed(Duration.ofMillis(millis));
    }

    /** The throttle row for a key, created if missing and locked for this transaction. */
    private SignInThrottle throttle(String key) {
        em.createNativeQuery("INSERT IGNORE INTO sign_in_throttle (throttle_key, failures, last_failure)"
                + " VALUES (?, 0, UTC_TIMESTAMP(6))").setParameter(1, key).executeUpdate();
        return em.find(SignInThrottle.class, key, LockModeType.PESSIMISTIC_WRITE);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** The username tried, and the person it belongs to if any: how the audit trail names a sign-in. */
    private record Target(String username, String personId) {

        void record(AuditTrail audit, Outcome outcome, String reason) {
            audit.record(personId == null ? "USERNAME" : "PERSON", personId, username, AuditAction.SIGN_IN,
                    AuditTrail.Target.of("person", personId), outcome, reason, Map.of("username", username));
        }
    }
}
