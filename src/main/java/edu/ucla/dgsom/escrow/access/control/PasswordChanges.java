package edu.ucla.dgsom.escrow.access.control;

import edu.ucla.dgsom.escrow.access.entity.SignIn;
import edu.ucla.dgsom.escrow.access.entity.SignInSession;
import edu.ucla.dgsom.escrow.audit.control.AuditAction;
import edu.ucla.dgsom.escrow.audit.control.AuditTrail;
import edu.ucla.dgsom.escrow.audit.control.Outcome;
import edu.ucla.dgsom.escrow.problems.Problem;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import edu.ucla.dgsom.escrow.security.Caller;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A signed-in person changes their password. A refusal (wrong current password, throttled) is a result, not an
 * exception, so that its audit entry and throttle count commit.
 */
@Stateless
public class PasswordChanges {

    @PersistenceContext
    EntityManager em;

    @Inject
    AccessSettings settings;

    @Inject
    SignInThrottles throttling;

    @Inject
    AuditTrail audit;

    @Inject
    Caller caller;

    /** What became of a password change: CHANGED; WRONG_PASSWORD (counted like a failed sign-in); THROTTLED. */
    public record Result(Status status, Duration retryAfter) {

        public enum Status { CHANGED, WRONG_PASSWORD, THROTTLED }
    }

    /**
     * Changes the signed-in person's password; the current one must be given again. Other sessions end. A wrong
     * current password counts as a failed sign-in of this person and is audited; a refusal is a result, so that
     * both commit.
     */
    public Result change(char[] current, char[] replacement) {
        Instant now = Instant.now();
        SignIn signIn = em.find(SignIn.class, caller.id());
        if (signIn == null) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only a person with a sign-in can change a password");
        }
        AuditTrail.Target person = AuditTrail.Target.of("person", caller.id());
        // The throttle row first, then the sign-in, as a sign-in takes them.
        SignInThrottles.Throttle throttle = throttling.forPasswordChange(caller.id());
        em.refresh(signIn, LockModeType.PESSIMISTIC_WRITE);
        Duration retryAfter = throttle.row().lockRemaining(now);
        if (!retryAfter.isZero()) {
            audit.record(AuditAction.PASSWORD_CHANGE, person, Outcome.DENIED, "throttled after repeated failures",
                    null);
            return new Result(Result.Status.THROTTLED, retryAfter);
        }
        PasswordHasher hasher = settings.passwordHasher();
        if (!hasher.verify(current, signIn.passwordHash())) {
            audit.record(AuditAction.PASSWORD_CHANGE, person, Outcome.FAILED, "current password wrong", null);
            if (throttle.failed(now, settings.lockDuration())) {
                audit.record(AuditAction.SIGN_IN_LOCKED, person, Outcome.DENIED, "locked for "
                        + settings.lockDuration(), null);
            }
            return new Result(Result.Status.WRONG_PASSWORD, null);
        }
        if (Arrays.equals(current, replacement)) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The new password must differ from the current one",
                    List.of(new Problem.FieldError("newPassword", "must differ from the current password")));
        }
        throttle.row().cleared();
        signIn.passwordChanged(hasher.hash(replacement));
        em.createNamedQuery(SignInSession.DELETE_OTHERS_OF_PERSON).setParameter("person", caller.id())
                .setParameter("current", caller.sessionHash()).executeUpdate();
        audit.record(AuditAction.PASSWORD_CHANGE, person, Outcome.ALLOWED, null, null);
        return new Result(Result.Status.CHANGED, null);
    }
}
