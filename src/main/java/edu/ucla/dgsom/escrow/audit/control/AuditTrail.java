package edu.ucla.dgsom.escrow.audit.control;

import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import edu.ucla.dgsom.escrow.security.Caller;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one way into the audit trail. An entry joins the caller's transaction, so an action and its entry commit or
 * fail together: if the entry cannot be written, the action fails with 503 and returns nothing. Entries land in
 * {@code audit_pending} in the audit schema, where the application may only append; {@link AuditSealer} chains them
 * moments later. The actor, client address and request id come from the current {@link Caller}. Never pass a secret, password, token or seed in any field.
 */
@Stateless
public class AuditTrail {

    private static final Logger LOG = Logger.getLogger(AuditTrail.class.getName());
    private static final int COLUMNS = 14;
    /** An entry's details: at most 16 x (64 + 500) characters, within the 64 KiB column even escaped six-fold. */
    private static final int DETAILS_MAX = 16;
    private static final int DETAIL_VALUE_MAX = 500;

    @PersistenceContext
    EntityManager em;

    @Inject
    Caller caller;

    /** This bean as the container calls it, so that {@link #refuse} gets its own transaction from within. */
    @Resource
    SessionContext context;

    @Inject
    @ConfigProperty(name = "escrow.audit.schema", defaultValue = "escrow_audit")
    String schema;

    /** What was acted on: a type ("person", "department", "token"...), its id and its department if it has one. */
    public record Target(String type, String id, String departmentId) {

        public static Target of(String type, String id) {
            return new Target(type, id, null);
        }
    }

    public void record(AuditAction action, Target target, Outcome outcome, String reason, Map<String, String> details) {
        record(caller.kind().name(), caller.id(), caller.name(), action, target, outcome, reason, details);
    }

    /**
     * Audits the refusal (DENIED) of a request that is about to fail with {@code problem}, and returns the problem for
     * throwing: {@code throw audit.refuse(...)}. The entry commits in its own transaction, since the request's is
     * rolled back; if it cannot be written, the request fails with 503 instead.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public <E extends RuntimeException> E refuse(AuditAction action, Target target, String reason, String refusal,
            E problem) {
        record(action, target, Outcome.DENIED, reason, Map.of("refused", refusal));
        return problem;
    }

    /**
     * Carries out {@code transition}, a rule an entity checks (approve a request, suspend an account), in the
     * caller's transaction; if the entity refuses it with a {@link ProblemException}, the refusal is audited as
     * {@link #refuse} does and rethrown. Refuse and audit in one call, so no control method forgets either.
     */
    public <T> T attempt(AuditAction action, Target target, String reason, Supplier<T> transition) {
        try {
            return transition.get();
        } catch (ProblemException refused) {
            throw context.getBusinessObject(AuditTrail.class).refuse(action, target, reason, refused.getMessage(),
                    refused);
        }
    }

    /** Like {@link #refuse}, for a request that was allowed but could not be carried out (FAILED). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public <E extends RuntimeException> E fail(AuditAction action, Target target, String reason, String failure,
            E problem) {
        record(action, target, Outcome.FAILED, reason, Map.of("failed", failure));
        return problem;
    }

    /** For events whose actor is not (yet) the caller, e.g. a failed sign-in names the username tried. */
    public void record(String actorType, String actorId, String actorName, AuditAction action, Target target,
            Outcome outcome, String reason, Map<String, String> details) {
        recordAll(actorType, actorId, actorName, List.of(new Draft(action, target, outcome, reason, details)));
    }

    /** One entry of {@link #recordAll}. */
    public record Draft(AuditAction action, Target target, Outcome outcome, String reason,
            Map<String, String> details) {
    }

    /**
     * Several entries of one actor at once, e.g. one per account an offboarding hands over: they are written
     * together, so a large action costs database batches rather than a round trip per entry.
     */
    public void recordAll(String actorType, String actorId, String actorName, List<Draft> drafts) {
        String roles = caller.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        write(actorType, actorId, actorName, roles.isEmpty() ? null : roles, caller.clientAddress(),
                caller.requestId(), drafts);
    }

    /**
     * For an entry written after the requests it sums up, outside any of them: e.g. one window of anonymous refusals
     * from {@code clientAddress}.
     */
    public void recordFrom(String clientAddress, String actorType, String actorId, String actorName,
            AuditAction action, Outcome outcome, String reason, Map<String, String> details) {
        write(actorType, actorId, actorName, null, clientAddress, null,
                List.of(new Draft(action, null, outcome, reason, details)));
    }

    private void write(String actorType, String actorId, String actorName, String roles, String clientAddress,
            String requestId, List<Draft> drafts) {
        LocalDateTime now = LocalDateTime.ofInstant(AuditChain.micros(Instant.now()), ZoneOffset.UTC);
        List<Object[]> rows = new ArrayList<>(drafts.size());
        for (Draft draft : drafts) {
            Target target = draft.target();
            // Every value is cut to its column's size (db/migration V4, V7_2): a value a caller chose, such as an id
            // of 10,000 characters, is recorded in part rather than failing the entry and with it the request.
            rows.add(new Object[] {now, cut(actorType, 16), cut(actorId, 64), cut(actorName, 200), cut(roles, 200),
                cut(draft.action().name(), 64), target == null ? null : cut(target.type(), 32),
                target == null ? null : cut(target.id(), 64), target == null ? null : cut(target.departmentId(), 36),
                cut(draft.outcome().name(), 16), cut(draft.reason(), 500), cut(clientAddress, 64),
                cut(requestId, 64),
                draft.details() == null || draft.details().isEmpty() ? null : encode(draft.details())});
        }
        // The action's own changes are flushed first, so that a failure below is the audit entry's and nothing else's.
        em.flush();
        try {
            insert(rows);
        } catch (SQLException | PersistenceException e) {
            LOG.log(Level.SEVERE, "The audit trail cannot be written; refusing the action "
                    + drafts.get(0).action(), e);
            throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE,
                    "The audit trail cannot be written right now, so nothing was done; try again later");
        }
    }

    /**
     * One JDBC batch into the queue, on the connection of the caller's transaction (which EclipseLink holds, and
     * closes). The queue lives in the audit schema, which the entities' mappings cannot name (it is a setting), so
     * this is SQL rather than an entity; and plain JDBC rather than a native query, whose positional parameters
     * EclipseLink looks up one by one in a list: a hand-over's 30,000 entries spent most of a 40 s offboarding there.
     */
    private void insert(List<Object[]> rows) throws SQLException {
        Connection connection = em.unwrap(Connection.class);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + schema + ".audit_pending ("
                + AuditRows.FIELDS + ") VALUES (" + String.join(",", Collections.nCopies(COLUMNS, "?")) + ")")) {
            for (Object[] row : rows) {
                for (int column = 0; column < COLUMNS; column++) {
                    if (row[column] == null) {
                        insert.setNull(column + 1, Types.VARCHAR);
                    } else {
                        insert.setObject(column + 1, row[column]);
                    }
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * A small, flat JSON object with sorted keys. Each key and value is cut, so that even many of them stay well
     * inside the TEXT column (65,535 bytes, up to 4 bytes a character).
     */
    private static String encode(Map<String, String> details) {
        Map<String, String> cut = new LinkedHashMap<>();
        new TreeMap<>(details).entrySet().stream().limit(DETAILS_MAX)
                .forEach(detail -> cut.put(cut(detail.getKey(), 64), cut(detail.getValue(), DETAIL_VALUE_MAX)));
        return FlatJson.write(cut);
    }

    /** At most {@code max} characters (a surrogate pair is never split); null stays null. */
    static String cut(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
        return value.substring(0, end);
    }
}
