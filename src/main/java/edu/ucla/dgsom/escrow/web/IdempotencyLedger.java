package edu.ucla.dgsom.escrow.web;

import edu.ucla.dgsom.escrow.problems.Problem;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import edu.ucla.dgsom.escrow.problems.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The answers of keyed writes (table {@code idempotent_write}). A write and the record of its answer commit together
 * or not at all, so a retry either finds the answer or does the write: never both, never neither. On one MariaDB a
 * concurrent retry waits on the key's row; on a Galera cluster the two meet at commit, and the deadlock retry around
 * this runs the loser again, which then finds the answer.
 */
@ApplicationScoped
public class IdempotencyLedger {

    /** Tells a client that this answer is the stored one of an earlier attempt. */
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final int EXPIRED_PER_PURGE = 1000;

    @PersistenceContext
    EntityManager em;

    @Inject
    @ConfigProperty(name = "escrow.idempotency.keep", defaultValue = "P1D")
    Duration keep;

    /**
     * The answer {@code write} gave the first time {@code caller} sent {@code key} with this request, or, the first
     * time, {@code write}'s answer, recorded. The same key with another request is a 422.
     */
    @Transactional(rollbackOn = Exception.class)
    public Object once(String caller, IdempotencyKey key, byte[] requestHash, Callable<Object> write) throws Exception {
        Instant now = Instant.now();
        // Only this key's own expired answer: a delete of everyone's would make unrelated writes conflict.
        em.createNativeQuery("DELETE FROM idempotent_write WHERE caller = ?1 AND idempotency_key = ?2"
                + " AND created_at < ?3").setParameter(1, caller).setParameter(2, key.value())
                .setParameter(3, utc(now.minus(keep))).executeUpdate();
        List<?> earlier = em.createNativeQuery("SELECT request_hash, status, location, body FROM idempotent_write"
                + " WHERE caller = ?1 AND idempotency_key = ?2").setParameter(1, caller).setParameter(2, key.value())
                .getResultList();
        if (!earlier.isEmpty()) {
            return replay((Object[]) earlier.get(0), requestHash);
        }
        claim(caller, key, requestHash, now);
        Object answer = write.call();
        Response response = (Response) answer;
        em.createNativeQuery("UPDATE idempotent_write SET status = ?1, location = ?2, body = ?3"
                + " WHERE caller = ?4 AND idempotency_key = ?5")
                .setParameter(1, response.getStatus())
                .setParameter(2, response.getHeaderString(HttpHeaders.LOCATION))
                .setParameter(3, response.hasEntity() ? JsonbConfiguration.JSONB.toJson(response.getEntity()) : null)
                .setParameter(4, caller).setParameter(5, key.value()).executeUpdate();
        return answer;
    }

    /** Deletes up to a thousand expired answers, oldest first; returns how many. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int forgetExpired() {
        return em.createNativeQuery("DELETE FROM idempotent_write WHERE created_at < ?1 ORDER BY created_at LIMIT "
                + EXPIRED_PER_PURGE).setParameter(1, utc(Instant.now().minus(keep))).executeUpdate();
    }

    private void claim(String caller, IdempotencyKey key, byte[] requestHash, Instant now) {
        try {
            em.createNativeQuery("INSERT INTO idempotent_write (caller, idempotency_key, request_hash, created_at)"
                    + " VALUES (?1, ?2, ?3, ?4)").setParameter(1, caller).setParameter(2, key.value())
                    .setParameter(3, requestHash).setParameter(4, utc(now)).executeUpdate();
        } catch (PersistenceException e) {
            if (Problems.duplicateKey(e) != null) {
                throw ProblemException.inProgress("A request with this " + IdempotencyKey.HEADER + " was being"
                        + " processed at the same moment; retry it to get its answer", Duration.ofSeconds(1));
            }
            throw e;
        }
    }

    private static Response replay(Object[] row, byte[] requestHash) {
        if (!Arrays.equals((byte[]) row[0], requestHash)) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "This " + IdempotencyKey.HEADER + " was used"
                    + " for a different request; use a new key for a new request",
                    List.of(new Problem.FieldError(IdempotencyKey.HEADER, "already used for another request")));
        }
        Response.ResponseBuilder answer = Response.status(((Number) row[1]).intValue()).header(REPLAYED, "true");
        if (row[2] != null) {
            answer.location(URI.create((String) row[2]));
        }
        if (row[3] != null) {
            answer.entity(row[3]).type(MediaType.APPLICATION_JSON_TYPE);
        }
        return answer.build();
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
