package edu.ucla.dgsom.escrow.access.control;

import edu.ucla.dgsom.escrow.access.entity.SignInSession;
import edu.ucla.dgsom.escrow.audit.control.AuditAction;
import edu.ucla.dgsom.escrow.audit.control.AuditTrail;
import edu.ucla.dgsom.escrow.audit.control.Outcome;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import edu.ucla.dgsom.escrow.security.Caller;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The signed-in person's own sessions: which are live, and ending one or all but the current one (a lost laptop, a
 * shared computer). Nobody sees or ends another person's sessions here: another person's session id is "not found".
 */
@Stateless
public class Sessions {

    @PersistenceContext
    EntityManager em;

    @Inject
    AccessSettings settings;

    @Inject
    AuditTrail audit;

    @Inject
    Caller caller;

    /** One live session, as its person sees it; {@code current} is the session of this request. */
    public record SessionDetails(String id, Instant createdAt, Instant lastSeenAt, Instant expiresAt,
            String clientAddress, String userAgent, boolean current) {

        static SessionDetails of(SignInSession session, String currentHash) {
            return new SessionDetails(session.publicId(), session.createdAt(), session.lastSeenAt(),
                    session.expiresAt(), session.clientAddress(), session.userAgent(),
                    session.isTheOneWith(currentHash));
        }
    }

    /** The caller's live sessions, newest first. */
    public List<SessionDetails> ofCaller() {
        Instant now = Instant.now();
        return sessionsOfCaller().stream().filter(session -> session.liveAt(now, settings.idleTimeout()))
                .map(session -> SessionDetails.of(session, caller.sessionHash())).toList();
    }

    /** Ends one of the caller's sessions (the current one too: that is signing out); another's is "not found". */
    public void end(String id) {
        SignInSession session = sessionsOfCaller().stream().filter(s -> s.publicId().equals(id)).findFirst()
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "You have no session with this id"));
        em.remove(session);
        audit.record(AuditAction.SESSION_END, AuditTrail.Target.of("person", caller.id()), Outcome.ALLOWED, null,
                Map.of("session", id, "current", Boolean.toString(session.isTheOneWith(caller.sessionHash()))));
    }

    /** Ends every session of the caller but the current one; says how many ended. */
    public int endOthers() {
        int ended = em.createNamedQuery(SignInSession.DELETE_OTHERS_OF_PERSON).setParameter("person", caller.id())
                .setParameter("current", caller.sessionHash()).executeUpdate();
        audit.record(AuditAction.SESSION_END_OTHERS, AuditTrail.Target.of("person", caller.id()), Outcome.ALLOWED,
                null, Map.of("ended", Integer.toString(ended)));
        return ended;
    }

    private List<SignInSession> sessionsOfCaller() {
        if (!caller.viaSession()) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only a signed-in person has sessions");
        }
        return em.createNamedQuery(SignInSession.OF_PERSON, SignInSession.class).setParameter("person", caller.id())
                .getResultList();
    }
}
