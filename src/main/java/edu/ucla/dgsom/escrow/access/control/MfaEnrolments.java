package edu.ucla.dgsom.escrow.access.control;

import edu.ucla.dgsom.escrow.access.entity.Person;
import edu.ucla.dgsom.escrow.access.entity.RecoveryCode;
import edu.ucla.dgsom.escrow.access.entity.SignIn;
import edu.ucla.dgsom.escrow.audit.control.AuditAction;
import edu.ucla.dgsom.escrow.audit.control.AuditTrail;
import edu.ucla.dgsom.escrow.audit.control.Outcome;
import edu.ucla.dgsom.escrow.crypto.control.SealedValues;
import edu.ucla.dgsom.escrow.crypto.control.Totp;
import edu.ucla.dgsom.escrow.problems.Problem;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import edu.ucla.dgsom.escrow.security.Caller;
import edu.ucla.dgsom.escrow.security.Secrets;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * TOTP enrolment of the signed-in person: a new seed, sealed behind the barrier and shown once as an otpauth URI,
 * becomes required only after a first valid code proves the authenticator has it; then one-time recovery codes are
 * issued, also shown once. An enrolled person proves they hold the enrolled seed (a current code) to enrol a new one,
 * which replaces it only once confirmed, or to get new recovery codes. Those codes are counted on a throttle of the
 * person's own: a wrong one is a result, not an exception, so that its audit entry and count commit.
 */
@Stateless
public class MfaEnrolments {

    private static final int RECOVERY_CODES = 10;
    private static final String ISSUER = "DGIT Escrow";

    @PersistenceContext
    EntityManager em;

    @Inject
    SealedValues sealedValues;

    @Inject
    TotpCodes totpCodes;

    @Inject
    SignInThrottles throttling;

    @Inject
    AccessSettings settings;

    @Inject
    AuditTrail audit;

    @Inject
    Caller caller;

    /** What an authenticator app needs; returned once, at enrolment. */
    public record Enrolment(String secret, String otpauthUri, String algorithm, int digits, int period) {

        /** Never prints the secret it carries, should anything log it. */
        @Override
        public String toString() {
            return "Enrolment[redacted, algorithm=" + algorithm + ", digits=" + digits + ", period=" + period + "]";
        }
    }

    /**
     * What became of a request that needs a current code of the enrolled seed: DONE, with what it made; WRONG_CODE
     * (audited, counted on the person's throttle); THROTTLED (too many wrong codes lately, {@code retryAfter}).
     */
    public record Verified<T>(Status status, T value, Duration retryAfter) {

        public enum Status { DONE, WRONG_CODE, THROTTLED }

        static <T> Verified<T> done(T value) {
            return new Verified<>(Status.DONE, value, null);
        }

        <U> Verified<U> refused() {
            return new Verified<>(status, null, retryAfter);
        }

        @Override
        public String toString() {
            return "Verified[" + status + ", redacted]";
        }
    }

    /**
     * Starts an enrolment. A person not yet enrolled needs no code; an enrolled person gives a current code of the
     * enrolled seed ({@code currentCode}), which keeps working until the new one is confirmed.
     */
    public Verified<Enrolment> start(String currentCode) {
        Instant now = Instant.now();
        SignInThrottles.Throttle throttle = throttleOfCaller();
        SignIn signIn = signInOfCaller();
        boolean enrolled = signIn.mfaState() == SignIn.MfaState.ENROLLED;
        if (enrolled) {
            Verified<Void> verified = verify(signIn, throttle, currentCode, AuditAction.MFA_ENROLMENT_START, now);
            if (verified.status() != Verified.Status.DONE) {
                return verified.refused();
            }
        }
        int generation = signIn.startMfaEnrolment();
        byte[] seed = Totp.newSeed();
        try {
            sealedValues.seal(TotpCodes.seedContext(signIn.personId(), generation), seed);
            String secret = Totp.base32(seed);
            String label = URLEncoder.encode(ISSUER + ":" + signIn.username(), StandardCharsets.UTF_8).replace("+", "%20");
            String uri = "otpauth://totp/" + label + "?secret=" + secret + "&issuer="
                    + URLEncoder.encode(ISSUER, StandardCharsets.UTF_8).replace("+", "%20")
                    + "&algorithm=SHA1&digits=" + TotpCodes.DIGITS + "&period=" + TotpCodes.PERIOD_SECONDS;
            audit.record(AuditAction.MFA_ENROLMENT_START, target(), Outcome.ALLOWED, null,
                    enrolled ? Map.of("replaces", "enrolled seed, once confirmed") : null);
            return Verified.done(new Enrolment(secret, uri, "SHA1", TotpCodes.DIGITS, TotpCodes.PERIOD_SECONDS));
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /**
     * Confirms the pending enrolment with a current code of the new seed; it replaces the enrolled seed, if any.
     * Returns the new recovery codes (shown only now); every earlier code stops working.
     */
    public List<String> confirm(String code) {
        SignIn signIn = signInOfCaller();
        if (signIn.mfaGenerationToConfirm().isEmpty()) {
            throw new ProblemException(ProblemType.CONFLICT, "There is no pending MFA enrolment; start one first");
        }
        long step = totpCodes.stepOfPending(signIn, code, Instant.now());
        if (step < 0) {
            throw audit.fail(AuditAction.MFA_ENROLMENT_CONFIRM, target(), null, "code does not match",
                    new ProblemException(ProblemType.VALIDATION_FAILED, "The code does not match; check the"
                    + " authenticator's clock and try the next code", List.of(
                    new Problem.FieldError("code", "does not match"))));
        }
        boolean replacing = signIn.mfaState() == SignIn.MfaState.ENROLLED;
        signIn.confirmMfa(step);
        List<String> codes = replaceRecoveryCodes(signIn);
        audit.record(AuditAction.MFA_ENROLMENT_CONFIRM, target(), Outcome.ALLOWED, null,
                replacing ? Map.of("replaced", "enrolled seed and recovery codes") : null);
        return codes;
    }

    /**
     * New recovery codes for an enrolled person who gives a current code of the enrolled seed; every earlier code
     * stops working.
     */
    public Verified<List<String>> newRecoveryCodes(String code) {
        Instant now = Instant.now();
        SignInThrottles.Throttle throttle = throttleOfCaller();
        SignIn signIn = signInOfCaller();
        if (signIn.mfaState() != SignIn.MfaState.ENROLLED) {
            throw new ProblemException(ProblemType.CONFLICT, "MFA is not enrolled; enrol first, which issues"
                    + " recovery codes");
        }
        Verified<Void> verified = verify(signIn, throttle, code, AuditAction.MFA_RECOVERY_CODES, now);
        if (verified.status() != Verified.Status.DONE) {
            return verified.refused();
        }
        List<String> codes = replaceRecoveryCodes(signIn);
        audit.record(AuditAction.MFA_RECOVERY_CODES, target(), Outcome.ALLOWED, null, null);
        return Verified.done(codes);
    }

    /**
     * Checks a current code of the enrolled seed under the person's throttle: locked, a wrong code (audited and
     * counted; the lock it causes is audited too), or accepted (the throttle forgets earlier failures).
     */
    private Verified<Void> verify(SignIn signIn, SignInThrottles.Throttle throttle, String code, AuditAction action,
            Instant now) {
        if (code == null || code.isBlank()) {
            throw ProblemException.invalidField("code", "a current code of the enrolled authenticator is required");
        }
        Duration retryAfter = throttle.row().lockRemaining(now);
        if (!retryAfter.isZero()) {
            audit.record(action, target(), Outcome.DENIED, "throttled after repeated wrong codes", null);
            return new Verified<>(Verified.Status.THROTTLED, null, retryAfter);
        }
        if (!totpCodes.acceptEnrolled(signIn, code, now)) {
            audit.record(action, target(), Outcome.FAILED, "code of the enrolled authenticator wrong", null);
            if (throttle.failed(now, settings.lockDuration())) {
                audit.record(AuditAction.SIGN_IN_LOCKED, target(), Outcome.DENIED, "locked for "
                        + settings.lockDuration(), Map.of("throttle", throttle.kind().label()));
            }
            return new Verified<>(Verified.Status.WRONG_CODE, null, null);
        }
        throttle.row().cleared();
        return Verified.done(null);
    }

    /** Issues new recovery codes of the enrolled generation in place of every code the person had. */
    private List<String> replaceRecoveryCodes(SignIn signIn) {
        em.createNamedQuery(RecoveryCode.DELETE_OF_PERSON).setParameter("person", signIn.personId()).executeUpdate();
        List<String> codes = new ArrayList<>(RECOVERY_CODES);
        for (int i = 0; i < RECOVERY_CODES; i++) {
            String recovery = Secrets.newRecoveryCode();
            codes.add(recovery);
            em.persist(RecoveryCode.issue(signIn.personId(), signIn.mfaGeneration(), recovery));
        }
        return codes;
    }

    /** The caller's own throttle row for codes of the enrolled seed; taken before the sign-in's row, as sign-ins do. */
    private SignInThrottles.Throttle throttleOfCaller() {
        if (!caller.isPerson()) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only a person with an escrow sign-in can enrol MFA"
                    + " here; who signs in through the campus provider alone uses the provider's MFA");
        }
        return throttling.forMfaCheck(caller.id());
    }

    private SignIn signInOfCaller() {
        SignIn signIn = caller.isPerson() ? em.find(SignIn.class, caller.id(), LockModeType.PESSIMISTIC_WRITE) : null;
        if (signIn == null) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only a person with an escrow sign-in can enrol MFA"
                    + " here; who signs in through the campus provider alone uses the provider's MFA");
        }
        return signIn;
    }

    private AuditTrail.Target target() {
        Person person = em.find(Person.class, caller.id());
        return new AuditTrail.Target("person", caller.id(), person == null ? null : person.departmentId());
    }
}
