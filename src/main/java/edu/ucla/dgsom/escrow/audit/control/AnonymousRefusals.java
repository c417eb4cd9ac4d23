package edu.ucla.dgsom.escrow.audit.control;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refusals that anyone can cause by the million without naming a real person -- requests without sign-in (401),
 * sign-ins for a username of nobody, throttled sign-ins -- counted per client address, window
 * ({@code escrow.audit.anonymous-refusals.window}, a minute by default) and {@link Refusal} instead of one audit
 * entry each. When a window has closed, each count becomes one entry of the refusal's action with the count, the
 * window and, for requests, the first request's method and path. A flood thus costs the chain one entry per address,
 * window and kind of refusal.
 */
@Stateless
public class AnonymousRefusals {

    private static final int WINDOWS_PER_TRANSACTION = 500;

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    @ConfigProperty(name = "escrow.audit.anonymous-refusals.window", defaultValue = "PT1M")
    Duration window;

    /** What is counted, and the audit entry a window's count becomes. */
    public enum Refusal {
        NOT_AUTHENTICATED(AuditAction.REQUEST_DENIED, Outcome.DENIED, "not authenticated"),
        UNKNOWN_USERNAME(AuditAction.SIGN_IN, Outcome.FAILED, "username of nobody"),
        SIGN_IN_THROTTLED(AuditAction.SIGN_IN, Outcome.DENIED, "throttled after repeated failures"),
        LOCAL_SIGN_IN_OFF(AuditAction.SIGN_IN, Outcome.DENIED, "local sign-in is for break-glass only"),
        PROVIDER_ANSWER_UNMATCHED(AuditAction.SIGN_IN, Outcome.DENIED,
                "provider's answer matches no sign-in under way (state mismatch, replayed or expired)"),
        PROVIDER_TOKEN_REJECTED(AuditAction.SIGN_IN, Outcome.DENIED, "provider's code or ID token refused"),
        PROVIDER_UNAVAILABLE(AuditAction.SIGN_IN, Outcome.FAILED, "campus provider unavailable");

        private final AuditAction action;
        private final Outcome outcome;
        private final String reason;

        Refusal(AuditAction action, Outcome outcome, String reason) {
            this.action = action;
            this.outcome = outcome;
            this.reason = reason;
        }
    }

    /** Counts one request refused because nobody signed in. */
    public void count(String clientAddress, String method, String path) {
        count(clientAddress, Refusal.NOT_AUTHENTICATED, method, path);
    }

    /** Counts one refused sign-in that is not evidence against a real person's account. */
    public void count(String clientAddress, Refusal refusal) {
        count(clientAddress, refusal, null, null);
    }

    private void count(String clientAddress, Refusal refusal, String method, String path) {
        em.createNativeQuery("INSERT INTO anonymous_refusal (client_address, window_start, refusal, refusals,"
                + " first_method, first_path) VALUES (?, ?, ?, 1, ?, ?) ON DUPLICATE KEY UPDATE"
                + " refusals = refusals + 1")
                .setParameter(1, Objects.requireNonNullElse(clientAddress, "unknown"))
                .setParameter(2, utc(windowStart(Instant.now())))
                .setParameter(3, refusal.name())
                .setParameter(4, method)
                .setParameter(5, path)
                .executeUpdate();
    }

    /**
     * Writes one audit entry per address and refusal for every window that closed a whole window ago, and forgets those
     * windows; returns how many it wrote. The grace lets a refusal counted as its window ended commit first, so a
     * window is never written twice. The rows are locked, so with several instances each window is written once.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int auditClosedWindows() {
        @SuppressWarnings("unchecked")
        List<Object[]> closed = em.createNativeQuery("SELECT client_address, window_start, refusals, first_method,"
                + " first_path, refusal FROM anonymous_refusal WHERE window_start < ?"
                + " ORDER BY window_start, client_address, refusal LIMIT " + WINDOWS_PER_TRANSACTION + " FOR UPDATE")
                .setParameter(1, utc(windowStart(Instant.now()).minus(window)))
                .getResultList();
        for (Object[] row : closed) {
            String address = (String) row[0];
            LocalDateTime start = row[1] instanceof LocalDateTime time ? time
                    : ((Timestamp) row[1]).toLocalDateTime();
            Refusal refusal = Refusal.valueOf((String) row[5]);
            Map<String, String> details = new TreeMap<>(Map.of("refusals", row[2].toString(),
                    "window", start.toInstant(ZoneOffset.UTC) + "/" + window));
            if (row[3] != null) {
                details.put("method", (String) row[3]);
                details.put("path", (String) row[4]);
            }
            audit.recordFrom(address, "ANONYMOUS", null, null, refusal.action, refusal.outcome, refusal.reason,
                    details);
            em.createNativeQuery("DELETE FROM anonymous_refusal WHERE client_address = ? AND window_start = ?"
                    + " AND refusal = ?")
                    .setParameter(1, address)
                    .setParameter(2, start)
                    .setParameter(3, refusal.name())
                    .executeUpdate();
        }
        return closed.size();
    }

    private Instant windowStart(Instant time) {
        long seconds = Math.max(1, window.toSeconds());
        return Instant.ofEpochSecond(time.getEpochSecond() / seconds * seconds);
    }

    private static LocalDateTime utc(Instant time) {
        return LocalDateTime.ofInstant(time, ZoneOffset.UTC);
    }
}
