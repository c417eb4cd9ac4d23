package edu.ucla.dgsom.escrow.access.control;

import edu.ucla.dgsom.escrow.access.entity.Person;
import edu.ucla.dgsom.escrow.access.entity.SignIn;
import edu.ucla.dgsom.escrow.access.entity.SignInDevice;
import edu.ucla.dgsom.escrow.access.entity.SignInSession;
import edu.ucla.dgsom.escrow.audit.control.AnonymousRefusals;
import edu.ucla.dgsom.escrow.audit.control.AnonymousRefusals.Refusal;
import edu.ucla.dgsom.escrow.audit.control.AuditAction;
import edu.ucla.dgsom.escrow.audit.control.AuditTrail;
import edu.ucla.dgsom.escrow.audit.control.Outcome;
import edu.ucla.dgsom.escrow.security.Caller;
import edu.ucla.dgsom.escrow.security.Restriction;
import edu.ucla.dgsom.escrow.security.Role;
import edu.ucla.dgsom.escrow.security.Secrets;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Signing people in and out. A failed sign-in commits its throttle counters and audit entry
 * and is reported through the result, never through an exception, so nothing of it is rolled back.
 *
 * <p>Guessing is slowed down with OWASP's device cookies: a browser that signed a person in before presents its
 * device cookie and is throttled on its own, per person and device; every other attempt is throttled per username
 * (existing or not, so that the answers do not tell which names exist) and per client address. Locks are checked
 * before any password is hashed, so a throttled attempt costs no Argon2.
 *
 * <p>What anyone can send by the million is counted per address and window, not audited one by one: throttled
 * attempts and failures for a username of nobody ({@link AnonymousRefusals}). A failure against a real person (bounded
 * by their throttle) and every lock get an entry of their own.
 *
 * <p>With campus sign-in on and {@code escrow.sign-in.local=break-glass}, only the configured break-glass usernames
 * may use a password; each must be a DGIT admin, and each such sign-in is mailed to every DGIT admin.
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
    SecondFactors secondFactors;

    @Inject
    SessionIssuer sessions;

    @Inject
    SingleSignOnSettings sso;

    @Inject
    BreakGlassAlert breakGlassAlert;

    @Inject
    OpenIdProvider provider;

    @Inject
    AuditTrail audit;

    @Inject
    AnonymousRefusals refusals;

    @Inject
    SignInThrottles throttling;

    @Inject
    Caller caller;

    /**
     * What became of a sign-in attempt. Tokens are set only on success: the session and CSRF tokens and a new device
     * cookie for the browser. {@code delay} slows a failure down; {@code retryAfter} says when a throttled caller may
     * try again.
     */
    public record Result(Status status, String personId, String sessionToken, String csrfToken, String deviceToken,
            Instant expiresAt, Instant deviceExpiresAt, Restriction restriction, Duration delay,
            Duration retryAfter) {

        /**
         * SIGNED_IN; FAILED (any of: no such user, wrong password or code, disabled); MFA_REQUIRED; THROTTLED (too
         * many failures lately, for this browser, or for this username or address); LOCAL_SIGN_IN_OFF (this
         * username must sign in through the campus provider).
         */
        public enum Status { SIGNED_IN, FAILED, MFA_REQUIRED, THROTTLED, LOCAL_SIGN_IN_OFF }

        static Result failed(Status status, Duration delay, Duration retryAfter) {
            return new Result(status, null, null, null, null, null, null, null, delay, retryAfter);
        }

        @Override
        public String toString() {
            return "Result[" + status + ", person=" + personId + ", tokens redacted]";
        }
    }

    @PostConstruct
    void prepareDummyHash() {
        if (dummyHash == null) {
            dummyHash = settings.passwordHasher().hash("not a password of anyone".toCharArray());
        }
    }

    /**
     * Checks the credentials and opens a new session. The client's previous session is ended either way: the
     * session id always changes at sign-in.
     */
    public Result signIn(SignInAttempt attempt) {
        Instant now = Instant.now();
        sessions.end(attempt.previousSession());
        String address = attempt.address();
        String normalized = attempt.username().trim().toLowerCase(Locale.ROOT);
        // Decided by configuration alone, before any lookup: the answer tells nothing about which usernames exist.
        if (!sso.allowsLocalSignIn(normalized)) {
            refusals.count(address, Refusal.LOCAL_SIGN_IN_OFF);
            return Result.failed(Result.Status.LOCAL_SIGN_IN_OFF, Duration.ZERO, null);
        }
        SignIn signIn = em.createNamedQuery(SignIn.BY_USERNAME, SignIn.class).setParameter("username", normalized)
                .getResultStream().findFirst().orElse(null);
        Target target = signIn == null ? Target.UNKNOWN : new Target(normalized, signIn.personId());
        SignInDevice device = signIn == null ? null : device(attempt.deviceToken(), signIn.personId(), now);
        List<SignInThrottles.Throttle> throttles = throttling.forSignIn(device, normalized, address);
        Duration retryAfter = throttles.stream().map(t -> t.row().lockRemaining(now)).max(Comparator.naturalOrder())
                .orElseThrow();
        if (!retryAfter.isZero()) {
            refusals.count(address, Refusal.SIGN_IN_THROTTLED);
            return Result.failed(Result.Status.THROTTLED, Duration.ZERO, retryAfter);
        }
        boolean passwordMatches = settings.passwordHasher().verify(attempt.password(),
                signIn != null ? signIn.passwordHash() : dummyHash);
        Person person = signIn == null ? null : em.find(Person.class, signIn.personId());
        if (!passwordMatches || person == null || !person.active() || !signIn.enabled()) {
            return failure(target, throttles, address, now, "wrong username or password, or disabled");
        }
        // Locked after the throttle rows (the order changePassword takes them in) and read afresh: attempts through
        // different throttle rows (a trusted browser, the username) meet here, so they update the sign-in one by one
        // and a TOTP step or a recovery code signs in once however many attempts race with it.
        em.refresh(signIn, LockModeType.PESSIMISTIC_WRITE);
        Set<Role> roles = identities.rolesOf(person.id());
        boolean breakGlass = sso.breakGlassOnly();
        // Before the code is checked, so that a refused break-glass sign-in uses up no TOTP step or recovery code.
        if (breakGlass && !roles.contains(Role.DGIT_ADMIN)) {
            return failure(target, throttles, address, now, "break-glass sign-in of a person who is not a DGIT admin");
        }
        if (signIn.mfaState() == SignIn.MfaState.ENROLLED) {
            if (SecondFactors.isBlank(attempt.totpCode()) && SecondFactors.isBlank(attempt.recoveryCode())) {
                target.record(audit, Outcome.FAILED, "MFA code required");
                return Result.failed(Result.Status.MFA_REQUIRED, Duration.ZERO, null);
            }
            if (!secondFactors.accept(signIn, attempt.totpCode(), attempt.recoveryCode(), now)) {
                return failure(target, throttles, address, now, "wrong MFA code");
            }
        }
        Result result = signedIn(signIn, person, roles, device, throttles, attempt, now);
        if (breakGlass) {
            target.record(audit, Outcome.ALLOWED, "break-glass sign-in while campus sign-in is on");
            breakGlassAlert.signedIn(PersonDetails.of(person), normalized, address, now);
        } else {
            target.record(audit, Outcome.ALLOWED, null);
        }
        return result;
    }

    /**
     * Opens the session of a person whose credentials were checked, clears the throttles that counted their failures
     * and replaces their browser's device cookie.
     */
    private Result signedIn(SignIn signIn, Person person, Set<Role> roles, SignInDevice device,
            List<SignInThrottles.Throttle> throttles, SignInAttempt attempt, Instant now) {
        PasswordHasher hasher = settings.passwordHasher();
        if (hasher.needsRehash(signIn.passwordHash())) {
            signIn.rehashed(hasher.hash(attempt.password()));
        }
        signIn.signedIn(now);
        throttles.stream().filter(t -> t.kind() != SignInThrottles.Kind.ADDRESS).forEach(t -> t.row().cleared());
        SessionIssuer.Issued issued = sessions.issue(person.id(), attempt.address(), attempt.userAgent(), now);
        String newDeviceToken = Secrets.newToken("esc_d_");
        SignInDevice newDevice = replaceDevice(device, newDeviceToken, person.id(), now);
        return new Result(Result.Status.SIGNED_IN, person.id(), issued.sessionToken(), issued.csrfToken(),
                newDeviceToken, issued.session().expiresAt(), newDevice.expiresAt(),
                identities.restriction(signIn, roles, issued.session()), Duration.ZERO, null);
    }

    /**
     * Ends the caller's session, if they have one. For a session the campus provider vouched for, returns where the
     * browser may go to end the provider's session too, coming back to the sign-in page.
     */
    public Optional<URI> signOut() {
        if (caller.sessionHash() == null) {
            return Optional.empty();
        }
        SignInSession session = em.find(SignInSession.class, caller.sessionHash());
        if (session == null) {
            return Optional.empty();
        }
        em.remove(session);
        audit.record(AuditAction.SIGN_OUT, AuditTrail.Target.of("person", caller.id()), Outcome.ALLOWED, null, null);
        return session.viaProvider() && session.providerIdToken() != null && sso.enabled()
                ? provider.endSession(session.providerIdToken(), sso.redirectUri().resolve("/sign-in"))
                : Optional.empty();
    }

    /** A new device cookie at every sign-in; the one presented, if any, is used up. */
    private SignInDevice replaceDevice(SignInDevice presented, String newToken, String personId, Instant now) {
        if (presented != null) {
            em.remove(presented);
        }
        SignInDevice device = new SignInDevice(Secrets.sha256Hex(newToken), personId, now, settings.deviceValidity());
        em.persist(device);
        return device;
    }

    /** The browser's device cookie, if it names a device that vouches for this person now. */
    private SignInDevice device(String deviceToken, String personId, Instant now) {
        if (SecondFactors.isBlank(deviceToken)) {
            return null;
        }
        SignInDevice device = em.find(SignInDevice.class, Secrets.sha256Hex(deviceToken));
        return device != null && device.vouchesFor(personId, now) ? device : null;
    }

    private Result failure(Target target, List<SignInThrottles.Throttle> throttles, String address, Instant now,
            String reason) {
        if (target.personId == null) {
            refusals.count(address, Refusal.UNKNOWN_USERNAME);
        } else {
            target.record(audit, Outcome.FAILED, reason);
        }
        for (SignInThrottles.Throttle throttle : throttles) {
            if (throttle.failed(now, settings.lockDuration())) {
                // A real person is named by id; the address is in the entry anyway; a made-up name is never written.
                AuditTrail.Target locked = throttle.kind() == SignInThrottles.Kind.ADDRESS || target.personId == null
                        ? AuditTrail.Target.of(throttle.kind().label(), null)
                        : AuditTrail.Target.of("person", target.personId);
                audit.record(target.actorType(), target.personId, target.username, AuditAction.SIGN_IN_LOCKED,
                        locked, Outcome.DENIED, "locked for " + settings.lockDuration(),
                        Map.of("throttle", throttle.kind().label()));
            }
        }
        // Slow repeated guessing down: a quarter second more for every failure past the second, at most two seconds.
        long millis = Math.min(2_000, 250L * Math.max(0, throttles.get(0).row().failures() - 2));
        return Result.failed(Result.Status.FAILED, Duration.ofMillis(millis), null);
    }

    /**
     * How the audit trail names a sign-in: the username tried and its person, or, for a name that belongs to nobody,
     * neither (a password typed into the username field must not land in the audit trail).
     */
    private record Target(String username, String personId) {

        static final Target UNKNOWN = new Target(null, null);

        String actorType() {
            return personId == null ? "USERNAME" : "PERSON";
        }

        void record(AuditTrail audit, Outcome outcome, String reason) {
            audit.record(actorType(), personId, username, AuditAction.SIGN_IN,
                    AuditTrail.Target.of("person", personId), outcome, reason,
                    username == null ? null : Map.of("username", username));
        }
    }
}
