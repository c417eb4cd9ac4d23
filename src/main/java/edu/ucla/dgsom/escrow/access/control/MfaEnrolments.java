package edu.ucla.dgsom.escrow.access.control;

import edu.ucla.dgsom.escrow.access.entity.Person;
import edu.ucla.dgsom.escrow.access.entity.RecoveryCode;
import edu.ucla.dgsom.escrow.access.entity.SignIn;
import edu.ucla.dgsom.escrow.audit.control.AuditAction;
import edu.ucla.dgsom.escrow.audit.control.AuditTrail;
import edu.ucla.dgsom.escrow.audit.control.Outcome;
import edu.ucla.dgsom.escrow.crypto.control.SealContext;
import edu.ucla.dgsom.escrow.crypto.control.SealedValues;
import edu.ucla.dgsom.escrow.crypto.control.Totp;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * TOTP enrolment of the signed-in person: a new seed, sealed behind the barrier and shown once as an otpauth URI,
 * becomes required only after a first valid code proves the authenticator has it; then one-time recovery codes are
 * issued, also shown once.
 */
@Stateless
public class MfaEnrolments {

    static final int DIGITS = 6;
    static final int PERIOD_SECONDS = 30;
    private static final int RECOVERY_CODES = 10;
    private static final String ISSUER = "DGIT Escrow";

    @PersistenceContext
    EntityManager em;

    @Inject
    SealedValues sealedValues;

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

    static SealContext seedContext(String personId, int generation) {
        return new SealContext("sign_in", personId, "totp_seed", generation);
    }

    public Enrolment start() {
        SignIn signIn = signInOfCaller();
        if (signIn.mfaState() == SignIn.MfaState.ENROLLED) {
            throw new ProblemException(ProblemType.CONFLICT, "MFA is already enrolled for this sign-in");
        }
        int generation = signIn.startMfaEnrolment();
        byte[] seed = Totp.newSeed();
        try {
            sealedValues.seal(seedContext(signIn.personId(), generation), seed);
            String secret = Totp.base32(seed);
            String label = URLEncoder.encode(ISSUER + ":" + signIn.username(), StandardCharsets.UTF_8).replace("+", "%20");
            String uri = "otpauth://totp/" + label + "?secret=" + secret + "&issuer="
                    + URLEncoder.encode(ISSUER, StandardCharsets.UTF_8).replace("+", "%20")
                    + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + PERIOD_SECONDS;
            audit.record(AuditAction.MFA_ENROLMENT_START, target(), Outcome.ALLOWED, null, null);
            return new Enrolment(secret, uri, "SHA1", DIGITS, PERIOD_SECONDS);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** Confirms the pending enrolment with a current code and returns the recovery codes (shown only now). */
    public List<String> confirm(String code) {
        SignIn signIn = signInOfCaller();
        if (signIn.mfaState() != SignIn.MfaState.PENDING) {
            throw new ProblemException(ProblemType.CONFLICT, "There is no pending MFA enrolment; start one first");
        }
        byte[] seed = sealedValues.open(seedContext(signIn.personId(), signIn.mfaGeneration()))
                .orElseThrow(() -> new ProblemException(ProblemType.CONFLICT, "The pending enrolment has no seed"));
        try {
            long step = Totp.matchingStep(seed, code == null ? null : code.trim(), Instant.now(), Totp.Algorithm.SHA1,
                    DIGITS, PERIOD_SECONDS);
            if (step < 0 || !signIn.acceptTotpStep(step)) {
                throw audit.fail(AuditAction.MFA_ENROLMENT_CONFIRM, target(), null, "code does not match",
                        new ProblemException(ProblemType.VALIDATION_FAILED, "The code does not match; check the"
                        + " authenticator's clock and try the next code", List.of(
                        new edu.ucla.dgsom.escrow.problems.Problem.FieldError("code", "does not match"))));
            }
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
        signIn.confirmMfa();
        List<String> codes = new ArrayList<>(RECOVERY_CODES);
        for (int i = 0; i < RECOVERY_CODES; i++) {
            String recovery = Secrets.newRecoveryCode();
            codes.add(recovery);
            em.persist(RecoveryCode.issue(signIn.personId(), signIn.mfaGeneration(), recovery));
        }
        audit.record(AuditAction.MFA_ENROLMENT_CONFIRM, target(), Outcome.ALLOWED, null, null);
        return codes;
    }

    private SignIn signInOfCaller() {
        SignIn signIn = caller.isPerson() ? em.find(SignIn.class, caller.id(), LockModeType.PESSIMISTIC_WRITE) : null;
        if (signIn == null) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only a signed-in person can enrol MFA");
        }
        return signIn;
    }

    private AuditTrail.Target target() {
        Person person = em.find(Person.class, caller.id());
        return new AuditTrail.Target("person", caller.id(), person == null ? null : person.departmentId());
    }
}
