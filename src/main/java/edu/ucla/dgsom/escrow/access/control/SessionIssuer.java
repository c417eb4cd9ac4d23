package edu.ucla.dgsom.escrow.access.control;

import edu.ucla.dgsom.escrow.access.entity.ProviderAssurance;
import edu.ucla.dgsom.escrow.access.entity.SignInSession;
import edu.ucla.dgsom.escrow.security.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

/**
 * Opens the session of a person whose identity was proven, by a password or by the campus provider: one kind of
 * session whichever way, with the same cookie, CSRF token and timeouts. Runs in the caller's transaction.
 */
@ApplicationScoped
public class SessionIssuer {

    @PersistenceContext
    EntityManager em;

    @Inject
    AccessSettings settings;

    /** A new session and its tokens, which only the client receives (the database keeps their hashes). */
    public record Issued(SignInSession session, String sessionToken, String csrfToken) {

        @Override
        public String toString() {
            return "Issued[" + session.publicId() + ", tokens redacted]";
        }
    }

    /** A session of a person who proved who they are with the escrow's own password (and code). */
    public Issued issue(String personId, String address, String userAgent, Instant now) {
        Issued issued = newSession(personId, address, userAgent, now);
        em.persist(issued.session());
        return issued;
    }

    /** A session of a person the campus provider vouched for. */
    public Issued issueVouched(String personId, ProviderAssurance assurance, String idToken, String address,
            String userAgent, Instant now) {
        Issued issued = newSession(personId, address, userAgent, now);
        issued.session().vouchedForByProvider(assurance, idToken);
        em.persist(issued.session());
        return issued;
    }

    /** The session of this token ends, if there is one: a sign-in always changes the session id. */
    public void end(String sessionToken) {
        if (sessionToken != null) {
            endByHash(Secrets.sha256Hex(sessionToken));
        }
    }

    /** The session whose token has this SHA-256 ends, if there is one. */
    public void endByHash(String sessionHash) {
        SignInSession previous = em.find(SignInSession.class, sessionHash);
        if (previous != null) {
            em.remove(previous);
        }
    }

    /** Not stored yet: a session the provider vouched for is marked so before it is. */
    private Issued newSession(String personId, String address, String userAgent, Instant now) {
        String sessionToken = Secrets.newToken("esc_s_");
        String csrfToken = Secrets.csrfTokenOf(sessionToken);
        return new Issued(new SignInSession(Secrets.sha256Hex(sessionToken), personId, Secrets.sha256Hex(csrfToken),
                now, settings.absoluteTimeout(), address, userAgent), sessionToken, csrfToken);
    }
}
