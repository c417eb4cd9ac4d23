package edu.ucla.dgsom.escrow.access.control;

import edu.ucla.dgsom.escrow.access.entity.Person;
import edu.ucla.dgsom.escrow.access.entity.ProviderAssurance;
import edu.ucla.dgsom.escrow.access.entity.ProviderSignIn;
import edu.ucla.dgsom.escrow.access.entity.SignIn;
import edu.ucla.dgsom.escrow.audit.control.AnonymousRefusals;
import edu.ucla.dgsom.escrow.audit.control.AnonymousRefusals.Refusal;
import edu.ucla.dgsom.escrow.audit.control.AuditAction;
import edu.ucla.dgsom.escrow.audit.control.AuditTrail;
import edu.ucla.dgsom.escrow.audit.control.Outcome;
import edu.ucla.dgsom.escrow.security.Restriction;
import edu.ucla.dgsom.escrow.security.Role;
import edu.ucla.dgsom.escrow.security.Secrets;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Signing in through the campus OpenID Connect provider (docs/sso.md). The provider proves who someone is; the escrow
 * decides who that is among its people (by the employee id claim, else a verified e-mail address that exactly one
 * person has), whether they may sign in, and what they may do. SSO never creates people.
 *
 * <p>A refusal is a result, never an exception, so that its audit entry and the used-up flow commit. What anyone can
 * cause without a real person (a forged or replayed answer, a refused token) is counted per address
 * ({@link AnonymousRefusals}); a refusal of a real provider user is an audit entry of its own.
 */
@Stateless
public class ProviderSignIns {

    private static final Logger LOG = Logger.getLogger(ProviderSignIns.class.getName());
    private static final String VIA = "sso";

    @PersistenceContext
    EntityManager em;

    @Inject
    OpenIdProvider provider;

    @Inject
    SingleSignOnSettings sso;

    @Inject
    AccessSettings settings;

    @Inject
    Identities identities;

    @Inject
    People people;

    @Inject
    SessionIssuer sessions;

    @Inject
    SecondFactors secondFactors;

    @Inject
    AuditTrail audit;

    @Inject
    AnonymousRefusals refusals;

    @Inject
    SignInThrottles throttling;

    /** A sign-in under way: the browser keeps {@code flowToken} in a cookie and is sent to {@code location}. */
    public record Started(String flowToken, URI location) {

        @Override
        public String toString() {
            return "Started[token redacted]";
        }
    }

    /**
     * What became of a step. SIGNED_IN carries the session; CODE_REQUIRED: the escrow's own TOTP step is still
     * needed; the rest are refusals, each with a page of its own in the console.
     */
    public record Result(Status status, SessionIssuer.Issued session, Restriction restriction,
            Duration retryAfter) {

        /** THROTTLED: too many wrong codes for this person lately, whichever sign-ins they came through. */
        public enum Status {
            SIGNED_IN, CODE_REQUIRED, WRONG_CODE, THROTTLED, UNKNOWN_PERSON, NOT_ACTIVE, MFA_NEEDED, CANCELLED,
            REJECTED, EXPIRED, PROVIDER_UNAVAILABLE
        }

        static Result of(Status status) {
            return new Result(status, null, null, null);
        }
    }

    /**
     * Starts a sign-in: throws when the provider cannot be reached, and only counts that. {@code currentSession} is
     * the session token the browser holds now, if any: it ends when this sign-in opens the next one (the provider's
     * redirect back from another site does not bring the SameSite=Strict session cookie along).
     */
    public Started start(String address, String currentSession) throws ProviderFailure {
        OpenIdProvider.Authorization authorization;
        try {
            authorization = provider.authorize(sso.redirectUri());
        } catch (ProviderFailure failure) {
            refusals.count(address, Refusal.PROVIDER_UNAVAILABLE);
            throw failure;
        }
        String flowToken = Secrets.newToken("esc_o_");
        ProviderSignIn flow = new ProviderSignIn(Secrets.sha256Hex(flowToken), authorization.state(),
                authorization.nonce(), authorization.codeVerifier(), Instant.now());
        if (currentSession != null) {
            flow.replacesSession(Secrets.sha256Hex(currentSession));
        }
        em.persist(flow);
        return new Started(flowToken, authorization.location());
    }

    /**
     * The provider's answer. Its flow is used up whatever happens, so an answer counts once; a valid one opens the
     * session, or waits for the escrow's code when the provider's sign-in was not multi-factor and the person has
     * enrolled an authenticator here.
     */
    public Result answer(ProviderAnswer answer) {
        Instant now = Instant.now();
        ProviderSignIn flow = flowOf(answer.browser().flowToken());
        if (flow == null || flow.expiredAt(now) || !flow.awaitsAnswerWith(answer.state())) {
            if (flow != null) {
                em.remove(flow);
            }
            refusals.count(answer.browser().address(), Refusal.PROVIDER_ANSWER_UNMATCHED);
            return Result.of(Result.Status.EXPIRED);
        }
        if (answer.error() != null || answer.code() == null) {
            em.remove(flow);
            return Result.of(Result.Status.CANCELLED);
        }
        ProviderIdentity identity;
        try {
            identity = provider.redeem(answer.code(), sso.redirectUri(), flow.codeVerifier(), flow.nonce(),
                    answer.issuer());
        } catch (ProviderFailure failure) {
            em.remove(flow);
            LOG.warning(() -> "A sign-in through the campus provider failed: " + failure.getMessage());
            boolean down = failure.kind() == ProviderFailure.Kind.UNAVAILABLE;
            refusals.count(answer.browser().address(), down ? Refusal.PROVIDER_UNAVAILABLE : Refusal.PROVIDER_TOKEN_REJECTED);
            return Result.of(down ? Result.Status.PROVIDER_UNAVAILABLE : Result.Status.REJECTED);
        }
        Optional<PersonDetails> match = personOf(identity);
        if (match.isEmpty()) {
            em.remove(flow);
            audit.record("PROVIDER_USER", null, identity.employeeId() != null ? identity.employeeId()
                    : identity.email(), AuditAction.SIGN_IN, AuditTrail.Target.of("person", null), Outcome.FAILED,
                    "no person matches the provider's identity", Map.of("via", VIA, "subject", identity.subject()));
            return Result.of(Result.Status.UNKNOWN_PERSON);
        }
        PersonDetails person = match.get();
        // Locked (after the flow, as the code step takes them): a password sign-in or enrolment may change it now.
        SignIn signIn = em.find(SignIn.class, person.id(), LockModeType.PESSIMISTIC_WRITE);
        Set<Role> roles = identities.rolesOf(person.id());
        ProviderAssurance assurance = sso.multiFactor(identity.amr(), identity.acr()) ? ProviderAssurance.MULTI_FACTOR
                : ProviderAssurance.SINGLE_FACTOR;
        if (!person.active() || signIn != null && !signIn.enabled()) {
            em.remove(flow);
            refuse(person, "person not active or sign-in disabled");
            return Result.of(Result.Status.NOT_ACTIVE);
        }
        if (assurance == ProviderAssurance.SINGLE_FACTOR && signIn != null
                && signIn.mfaState() == SignIn.MfaState.ENROLLED) {
            flow.awaitCodeOf(person.id(), identity.idToken());
            record(person, Outcome.FAILED, "MFA code required", "escrow");
            return Result.of(Result.Status.CODE_REQUIRED);
        }
        if (assurance == ProviderAssurance.SINGLE_FACTOR && signIn == null && settings.mfaRequired(roles)) {
            // Nowhere to enrol an authenticator without an escrow sign-in: the provider's own MFA is the way in.
            em.remove(flow);
            refuse(person, "roles need MFA; the provider's sign-in was single-factor and no escrow MFA is enrolled");
            return Result.of(Result.Status.MFA_NEEDED);
        }
        em.remove(flow);
        return signedIn(person, signIn, roles, assurance, identity.idToken(), flow, answer.browser(), now);
    }

    /**
     * The escrow's TOTP step after a single-factor provider sign-in: a TOTP or a recovery code. Wrong codes count
     * per flow (five end it) and on the person's own MFA throttle, which a new provider sign-in does not reset.
     */
    public Result secondFactor(SignInBrowser browser, String totpCode, String recoveryCode) {
        Instant now = Instant.now();
        ProviderSignIn flow = flowOf(browser.flowToken());
        if (flow == null || flow.expiredAt(now) || !flow.awaitsCode()) {
            refusals.count(browser.address(), Refusal.PROVIDER_ANSWER_UNMATCHED);
            return Result.of(Result.Status.EXPIRED);
        }
        PersonDetails person = people.find(flow.personId()).orElseThrow();
        // The flow, the throttle, then the sign-in, as the MFA enrolment takes them.
        SignInThrottles.Throttle throttle = throttling.forMfaCheck(person.id());
        // Locked and read afresh, as a password sign-in does: a TOTP step or recovery code is accepted once.
        SignIn signIn = em.find(SignIn.class, person.id(), LockModeType.PESSIMISTIC_WRITE);
        if (!person.active() || signIn == null || !signIn.enabled()) {
            em.remove(flow);
            refuse(person, "person not active or sign-in disabled");
            return Result.of(Result.Status.NOT_ACTIVE);
        }
        Duration retryAfter = throttle.row().lockRemaining(now);
        if (!retryAfter.isZero()) {
            refuse(person, "throttled after repeated wrong codes");
            return new Result(Result.Status.THROTTLED, null, null, retryAfter);
        }
        if (!secondFactors.accept(signIn, totpCode, recoveryCode, now)) {
            record(person, Outcome.FAILED, "wrong MFA code", "escrow");
            if (throttle.failed(now, settings.lockDuration())) {
                audit.record("PERSON", person.id(), person.name(), AuditAction.SIGN_IN_LOCKED,
                        AuditTrail.Target.of("person", person.id()), Outcome.DENIED,
                        "locked for " + settings.lockDuration(), Map.of("throttle", throttle.kind().label()));
            }
            if (flow.codeFailed()) {
                em.remove(flow);
                return Result.of(Result.Status.EXPIRED);
            }
            return Result.of(Result.Status.WRONG_CODE);
        }
        throttle.row().cleared();
        em.remove(flow);
        return signedIn(person, signIn, identities.rolesOf(person.id()), ProviderAssurance.SINGLE_FACTOR,
                flow.idToken(), flow, browser, now);
    }

    private Result signedIn(PersonDetails person, SignIn signIn, Set<Role> roles, ProviderAssurance assurance,
            String idToken, ProviderSignIn flow, SignInBrowser browser, Instant now) {
        sessions.end(browser.currentSession());
        flow.replacedSession().ifPresent(sessions::endByHash);
        if (signIn != null) {
            signIn.signedIn(now);
        }
        SessionIssuer.Issued issued = sessions.issueVouched(person.id(), assurance, idToken, browser.address(),
                browser.userAgent(), now);
        record(person, Outcome.ALLOWED, null, assurance == ProviderAssurance.MULTI_FACTOR ? "provider"
                : signIn != null && signIn.mfaState() == SignIn.MfaState.ENROLLED ? "escrow" : "none");
        return new Result(Result.Status.SIGNED_IN, issued, identities.restriction(signIn, roles, issued.session()),
                null);
    }

    /**
     * The person the provider's identity names: by the employee id claim; only a token without it falls back to a
     * verified e-mail address that exactly one person has.
     */
    private Optional<PersonDetails> personOf(ProviderIdentity identity) {
        if (identity.employeeId() != null) {
            return people.byEmployeeId(identity.employeeId());
        }
        if (identity.email() == null || !identity.emailVerified()) {
            return Optional.empty();
        }
        // The database compares ignoring accents and trailing spaces too: only an exact address (in any case) counts.
        List<PersonDetails> byEmail = people.withEmail(identity.email()).stream()
                .filter(p -> p.email() != null && p.email().strip().equalsIgnoreCase(identity.email())).toList();
        return byEmail.size() == 1 ? Optional.of(byEmail.get(0)) : Optional.empty();
    }

    private ProviderSignIn flowOf(String flowToken) {
        return flowToken == null ? null
                : em.find(ProviderSignIn.class, Secrets.sha256Hex(flowToken), LockModeType.PESSIMISTIC_WRITE);
    }

    private void refuse(PersonDetails person, String reason) {
        audit.record("PERSON", person.id(), person.name(), AuditAction.SIGN_IN,
                AuditTrail.Target.of("person", person.id()), Outcome.DENIED, reason, Map.of("via", VIA));
    }

    private void record(PersonDetails person, Outcome outcome, String reason, String mfa) {
        audit.record("PERSON", person.id(), person.name(), AuditAction.SIGN_IN,
                AuditTrail.Target.of("person", person.id()), outcome, reason, Map.of("via", VIA, "mfa", mfa));
    }

    /** Flows the browser never finished; run by the sign-in purge. */
    public int purgeExpired() {
        return em.createNamedQuery(ProviderSignIn.DELETE_EXPIRED).setParameter("now", Instant.now()).executeUpdate();
    }
}
