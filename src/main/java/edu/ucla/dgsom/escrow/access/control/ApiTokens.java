package edu.ucla.dgsom.escrow.access.control;

import edu.ucla.dgsom.escrow.access.entity.ApiToken;
import edu.ucla.dgsom.escrow.audit.control.AuditAction;
import edu.ucla.dgsom.escrow.audit.control.AuditTrail;
import edu.ucla.dgsom.escrow.audit.control.Outcome;
import edu.ucla.dgsom.escrow.problems.Problem;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import edu.ucla.dgsom.escrow.security.Caller;
import edu.ucla.dgsom.escrow.security.Role;
import edu.ucla.dgsom.escrow.security.Secrets;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** API tokens for systems. The token is shown once, at creation; only its SHA-256 digest is kept. */
@Stateless
public class ApiTokens {

    /** Prefix of every token, so that secret scanners can recognise a leaked one. */
    public static final String PREFIX = "esc_t_";

    @PersistenceContext
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    AccessSettings settings;

    @Inject
    Departments departments;

    /** A created token and, this once, its secret. */
    public record Created(ApiToken token, String secret) {

        /** Never prints the secret it carries, should anything log it. */
        @Override
        public String toString() {
            return "Created[token=" + token.id() + ", secret=redacted]";
        }
    }

    /** A token of {@code role}; a DEPARTMENT_OWNER token names the one department it owns, other roles none. */
    public Created create(String name, Role role, String requestedDepartmentId, Instant expiresAt) {
        if (!ApiToken.mayCarry(role)) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, role + " is for people only; no token carries"
                    + " it (HR's system uses HR_INTEGRATION)", List.of(new Problem.FieldError("role", "not for tokens")));
        }
        String departmentId = departments.scopeOf(role, requestedDepartmentId);
        Instant now = Instant.now();
        if (!ApiToken.expiryAllowed(expiresAt, now, settings.maxTokenValidity())) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The expiry must be in the future and within "
                    + settings.maxTokenValidity().toDays() + " days", List.of(new Problem.FieldError("expiresAt",
                    "out of range")));
        }
        String secret = Secrets.newToken(PREFIX);
        ApiToken token = new ApiToken(name.trim(), role, departmentId, Secrets.sha256Hex(secret), caller.auditName(),
                now, expiresAt);
        em.persist(token);
        audit.record(AuditAction.TOKEN_CREATE, new AuditTrail.Target("token", token.id(), departmentId),
                Outcome.ALLOWED, null, departmentId == null ? Map.of("name", token.name(), "role", role.name())
                : Map.of("name", token.name(), "role", role.name(), "department", departmentId));
        return new Created(token, secret);
    }

    /** For the first start only: a token whose secret the operator chose (ESCROW_BOOTSTRAP_TOKEN). */
    public void createBootstrapToken(String secret, Instant expiresAt) {
        em.persist(new ApiToken("bootstrap", Role.DGIT_ADMIN, null, Secrets.sha256Hex(secret), "bootstrap",
                Instant.now(), expiresAt));
    }

    public boolean anyExist() {
        return em.createNamedQuery(ApiToken.COUNT, Long.class).getSingleResult() > 0;
    }

    public List<ApiToken> all() {
        return em.createNamedQuery(ApiToken.ALL, ApiToken.class).getResultList();
    }

    public ApiToken find(String id) {
        return Optional.ofNullable(em.find(ApiToken.class, id)).orElseThrow(() -> ProblemException.notFound("Token " + id));
    }

    /**
     * Revokes the live tokens issued to {@code personId} and those they issued (they have seen those secrets), in the
     * caller's transaction, which audits it; returns how many.
     */
    public int revokeAllOf(String personId, Instant now) {
        List<ApiToken> tokens = em.createNamedQuery(ApiToken.LIVE_OF_PERSON, ApiToken.class)
                .setParameter("person", personId).setParameter("creator", ApiToken.issuedBy(personId)).getResultList();
        tokens.forEach(t -> t.revoke(now));
        return tokens.size();
    }

    public void revoke(String id) {
        ApiToken token = find(id);
        token.revoke(Instant.now());
        audit.record(AuditAction.TOKEN_REVOKE, AuditTrail.Target.of("token", token.id()), Outcome.ALLOWED, null,
                Map.of("name", token.name()));
    }
}
