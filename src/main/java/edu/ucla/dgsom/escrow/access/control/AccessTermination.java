package edu.ucla.dgsom.escrow.access.control;

import edu.ucla.dgsom.escrow.access.entity.Person;
import edu.ucla.dgsom.escrow.access.entity.RoleGrant;
import edu.ucla.dgsom.escrow.access.entity.SignInSession;
import edu.ucla.dgsom.escrow.security.Role;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * The one way a person's access ends (offboarding): sign-in destroyed, sessions ended, API tokens revoked, every role
 * revoked, the person offboarded. The caller audits what it did, from the answer.
 */
@Stateless
public class AccessTermination {

    @PersistenceContext
    EntityManager em;

    @Inject
    SignInErasure signIns;

    @Inject
    ApiTokens tokens;

    /** A role that ended; {@code departmentId} for a department's ownership, else null. */
    public record RevokedRole(Role role, String departmentId) {
    }

    /** What ending the access did. */
    public record Ended(PersonDetails person, boolean signInErased, int sessionsEnded, int tokensRevoked,
            List<RevokedRole> roles) {
    }

    /**
     * Ends every access of {@code personId} in the caller's transaction, under the person's row lock. Every role goes:
     * a person reactivated later (e.g. rehired) starts with none.
     */
    public Ended endAllFor(String personId, Instant now) {
        Person person = em.find(Person.class, personId, LockModeType.PESSIMISTIC_WRITE);
        boolean hadSignIn = signIns.erase(person.id());
        int sessions = em.createNamedQuery(SignInSession.DELETE_OF_PERSON).setParameter("person", person.id())
                .executeUpdate();
        int revokedTokens = tokens.revokeAllOf(person.id(), now);
        person.offboard(now);
        List<RoleGrant> grants = em.createNamedQuery(RoleGrant.OF_PERSON, RoleGrant.class)
                .setParameter("person", person.id()).getResultList();
        grants.forEach(em::remove);
        return new Ended(PersonDetails.of(person), hadSignIn, sessions, revokedTokens,
                grants.stream().map(g -> new RevokedRole(g.role(), g.departmentId())).toList());
    }
}
