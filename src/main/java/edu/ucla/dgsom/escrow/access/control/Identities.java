package edu.ucla.dgsom.escrow.access.control;

import edu.ucla.dgsom.escrow.access.entity.ApiToken;
import edu.ucla.dgsom.escrow.access.entity.Person;
import edu.ucla.dgsom.escrow.access.entity.RoleGrant;
import edu.ucla.dgsom.escrow.access.entity.SignIn;
import edu.ucla.dgsom.escrow.access.entity.SignInSession;
import edu.ucla.dgsom.escrow.audit.control.AuditAction;
import edu.ucla.dgsom.escrow.audit.control.AuditTrail;
import edu.ucla.dgsom.escrow.audit.control.Outcome;
import edu.ucla.dgsom.escrow.security.Caller;
import edu.ucla.dgsom.escrow.security.Identity;
import edu.ucla.dgsom.escrow.security.Restriction;
import edu.ucla.dgsom.escrow.security.Role;
import edu.ucla.dgsom.escrow.security.Secrets;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Who holds a session cookie or an API token, checked against the database on every request. */
@Stateless
public class Identities {


    @PersistenceContext
    EntityManager em;

    @Inject
    AccessSettings settings;

    @Inject
    AuditTrail audit;

    /** A live session of an active person with an enabled sign-in; an expired or idle one is deleted. */
    public Optional<Identity> fromSession(String sessionToken) {
        Optional<SessionHolder> holder = holderOf(Secrets.sha256Hex(sessionToken));
        if (holder.isEmpty()) {
            return Optional.empty();
        }
        SignInSession session = holder.get().session();
        Instant now = Instant.now();
        Optional<Identity> identity = identityAt(holder.get(), now);
        if (identity.isEmpty()) {
            em.remove(session);
        } else {
            session.touch(now);
        }
        return identity;
    }

    /**
     * Who the request's caller is now, read again from the database without touching anything: for a check made
     * under a row lock, so that a role revoked, a person offboarded or a token revoked before the lock was taken
     * counts. Empty if the session or token no longer stands.
     */
    public Optional<Identity> current(Caller caller) {
        return switch (caller.kind()) {
            case PERSON -> holderOf(caller.sessionHash()).flatMap(holder -> identityAt(holder, Instant.now()));
            case TOKEN -> Optional.ofNullable(em.find(ApiToken.class, caller.id()))
                    .filter(token -> token.refusal(Instant.now()) == null && issuerInStanding(token))
                    .map(Identities::ofToken);
            case ANONYMOUS -> Optional.empty();
        };
    }

    /** The session, its person, sign-in and grants, in one query: every request reads them, some twice. */
    private Optional<SessionHolder> holderOf(String sessionHash) {
        List<Object[]> rows = em.createNamedQuery(SignInSession.WITH_HOLDER, Object[].class)
                .setParameter("hash", sessionHash).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] first = rows.get(0);
        List<RoleGrant> grants = rows.stream().map(row -> (RoleGrant) row[3]).filter(Objects::nonNull).toList();
        return Optional.of(new SessionHolder((SignInSession) first[0], (Person) first[1], (SignIn) first[2], grants));
    }

    /** A session with what decides whether it stands; person and sign-in may be missing. */
    private record SessionHolder(SignInSession session, Person person, SignIn signIn, List<RoleGrant> grants) {
    }

    private Optional<Identity> identityAt(SessionHolder holder, Instant now) {
        SignInSession session = holder.session();
        Person person = holder.person();
        SignIn signIn = holder.signIn();
        // A session through the provider needs no local sign-in; a local sign-in that was disabled ends it anyway.
        boolean signInStands = signIn == null ? session.viaProvider() : signIn.enabled();
        if (!session.liveAt(now, settings.idleTimeout()) || person == null || !person.active() || !signInStands) {
            return Optional.empty();
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Set<String> owned = new HashSet<>();
        Set<String> supervised = new HashSet<>();
        for (RoleGrant grant : holder.grants()) {
            roles.add(grant.role());
            if (grant.role() == Role.DEPARTMENT_OWNER) {
                owned.add(grant.departmentId());
            } else if (grant.role() == Role.SUPERVISOR) {
                supervised.add(grant.departmentId());
            }
        }
        return Optional.of(new Identity(Caller.Kind.PERSON, person.id(), person.name(), roles, owned, supervised,
                session.tokenHash(), session.csrfHash(), restriction(signIn, roles, session), hasMfa(signIn, session),
                person.departmentId(), session.expiresAt()));
    }

    /**
     * An unrevoked, unexpired API token whose issuing person, if it has one, is still an active DGIT admin. Its use
     * is audited once a minute at most; a refused token that is still presented is audited every time, since
     * someone still holds it.
     */
    public Optional<Identity> fromApiToken(String apiToken) {
        Instant now = Instant.now();
        ApiToken token = em.createNamedQuery(ApiToken.BY_HASH, ApiToken.class)
                .setParameter("hash", Secrets.sha256Hex(apiToken)).getResultStream().findFirst().orElse(null);
        if (token == null) {
            return Optional.empty();
        }
        AuditTrail.Target target = AuditTrail.Target.of("token", token.id());
        String refusal = token.refusal(now);
        if (refusal == null && !issuerInStanding(token)) {
            refusal = "issuer offboarded or no longer " + ApiToken.ISSUER_ROLE;
        }
        if (refusal != null) {
            audit.record("TOKEN", token.id(), token.name(), AuditAction.TOKEN_USE, target, Outcome.DENIED, refusal, null);
            return Optional.empty();
        }
        if (token.usedAt(now)) {
            audit.record("TOKEN", token.id(), token.name(), AuditAction.TOKEN_USE, target, Outcome.ALLOWED, null, null);
        }
        return Optional.of(ofToken(token));
    }

    private static Identity ofToken(ApiToken token) {
        return new Identity(Caller.Kind.TOKEN, token.id(), token.name(), EnumSet.of(token.role()),
                token.ownedDepartments(), Set.of(), null, null, null, false, null, null);
    }

    /** Checked at every use, in one query, so that any instance refuses the token at once, with nothing cached. */
    private boolean issuerInStanding(ApiToken token) {
        return token.issuingPerson().map(person -> em.createNamedQuery(RoleGrant.COUNT_ACTIVE_HOLDING, Long.class)
                .setParameter("person", person).setParameter("role", ApiToken.ISSUER_ROLE)
                .setParameter("status", Person.Status.ACTIVE).getSingleResult() > 0).orElse(true);
    }

    /**
     * What the person of this session must do before anything else, or null. A session through the campus provider
     * has no local password to change (signIn may be null), and its provider's multi-factor sign-in counts as MFA.
     */
    public Restriction restriction(SignIn signIn, Set<Role> roles, SignInSession session) {
        if (!session.viaProvider() && signIn.passwordChangeRequired()) {
            return Restriction.PASSWORD_CHANGE_REQUIRED;
        }
        if (!hasMfa(signIn, session) && settings.mfaRequired(roles)) {
            return Restriction.MFA_ENROLMENT_REQUIRED;
        }
        return null;
    }

    private static boolean hasMfa(SignIn signIn, SignInSession session) {
        return session.mfaByProvider() || signIn != null && signIn.mfaState() == SignIn.MfaState.ENROLLED;
    }

    /** The roles a person holds now. */
    public Set<Role> rolesOf(String personId) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        em.createNamedQuery(RoleGrant.OF_PERSON, RoleGrant.class).setParameter("person", personId).getResultStream()
                .map(RoleGrant::role).forEach(roles::add);
        return roles;
    }
}
