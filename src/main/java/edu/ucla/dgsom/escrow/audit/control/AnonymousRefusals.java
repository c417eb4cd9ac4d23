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
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refusals of callers who are not signed in (401), counted per client address and window
 * ({@code escrow.audit.anonymous-refusals.window}, a minute by default) instead of one audit entry each. When a
 * window has closed, it becomes one {@code REQUEST_DENIED} entry with the count, the window and the first request's
 * method and path. A flood of anonymous requests thus costs the chain one entry per address and window.
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

    /** Counts one refusal of an anonymous caller from {@code clientAddress}. */
    public void count(String clientAddress, String method, String path) {
        em.createNativeQuery("INSERT INTO anonymous_refusal (client_address, window_start, refusals, first_method,"
                + " first_path) VALUES (?, ?, 1, ?, ?) ON DUPLICATE KEY UPDATE refusals = refusals + 1")
                .setParameter(1, Objects.requireNonNullElse(clientAddress, "unknown"))
                .setParameter(2, utc(windowStart(Instant.now())))
                .setParameter(3, method)
                .setParameter(4, path)
                .executeUpdate();
    }

    /**
     * Writes one audit entry per address for every window that has closed, and forgets those windows; returns how
     * many it wrote. The rows are locked, so with several instances each window is written once.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int auditClosedWindows() {
        @SuppressWarnings("unchecked")
        List<Object[]> closed = em.createNativeQuery("SELECT client_address, window_start, refusals, first_method,"
                + " first_path FROM anonymous_refusal WHERE window_start < ? ORDER BY window_start, client_address"
                + " LIMIT " + WINDOWS_PER_TRANSACTION + " FOR UPDATE")
                .setParameter(1, utc(windowStart(Instant.now())))
                .getResultList();
        for (Object[] row : closed) {
            String address = (String) row[0];
            LocalDateTime start = row[1] instanceof LocalDateTime time ? time
                    : ((Timestamp) row[1]).toLocalDateTime();
            audit.recordFrom(address, "ANONYMOUS", null, null, AuditAction.REQUEST_DENIED, Outcome.DENIED,
                    "not authenticated", Map.of("refusals", row[2].toString(),
                            "window", start.toInstant(ZoneOffset.UTC) + "/" + window,
                            "method", (String) row[3], "path", (String) row[4]));
            em.createNativeQuery("DELETE FROM anonymous_refusal WHERE client_address = ? AND window_start = ?")
                    .setParameter(1, address)
                    .setParameter(2, start)
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
