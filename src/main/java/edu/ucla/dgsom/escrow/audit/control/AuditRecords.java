package edu.ucla.dgsom.escrow.audit.control;

import edu.ucla.dgsom.escrow.installation.control.InstallationRegistry;
import edu.ucla.dgsom.escrow.security.Caller;
import edu.ucla.dgsom.escrow.security.Role;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reading the chain: filtered queries with keyset pagination, streamed exports, and verification. Plain JDBC with
 * streaming result sets, so that a range of any size never sits in memory. Every reader seals pending entries first.
 */
@Stateless
public class AuditRecords {

    private static final String COLUMNS = "seq, " + AuditRows.FIELDS + ", entry_hash";

    @Resource(lookup = "jdbc/escrow")
    DataSource dataSource;

    @Inject
    @ConfigProperty(name = "escrow.audit.schema", defaultValue = "escrow_audit")
    String schema;

    @Inject
    AuditSealer sealer;

    @Inject
    AuditKey auditKey;

    @Inject
    InstallationRegistry installation;

    @Inject
    Caller caller;

    /** Query filters; null means "any". */
    public record Filter(String actorId, String action, String targetType, String targetId, String departmentId,
            String outcome, String requestId, Instant from, Instant to) {
    }

    /** A page of entries, newest first; {@code nextBefore} continues the listing, or is null at the end. */
    public record Page(List<AuditEntry> entries, List<byte[]> hashes, Long nextBefore) {
    }

    /**
     * The ids of the targets of {@code targetType} on which {@code actorId} was allowed {@code action}, whether the
     * entries are chained already or still pending: e.g. every account whose credentials a person revealed.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Set<String> targetsActedOn(String actorId, AuditAction action, String targetType) {
        String where = " WHERE actor_id = ? AND action = ? AND target_type = ? AND outcome = 'ALLOWED'";
        Set<String> targets = new HashSet<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT DISTINCT target_id FROM " + schema
                        + ".audit_event" + where + " UNION SELECT DISTINCT target_id FROM " + schema + ".audit_pending" + where)) {
            for (int offset : new int[] {0, 3}) {
                statement.setString(offset + 1, actorId);
                statement.setString(offset + 2, action.name());
                statement.setString(offset + 3, targetType);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    targets.add(rows.getString(1));
                }
            }
            return targets;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit trail", e);
        }
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Page events(Filter filter, Long before, int limit) {
        sealer.sealNow();
        boolean wholeTrail = caller.has(Role.DGIT_ADMIN) || caller.has(Role.AUDITOR);
        if (!wholeTrail && caller.ownedDepartments().isEmpty()) {
            return new Page(List.of(), List.of(), null);
        }
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM ").append(schema)
                .append(".audit_event WHERE 1 = 1");
        filter(sql, parameters, filter, before);
        if (!wholeTrail) {
            sql.append(" AND department_id IN (").append(String.join(",", caller.ownedDepartments().stream()
                    .map(d -> "?").toList())).append(')');
            parameters.addAll(caller.ownedDepartments());
        }
        sql.append(" ORDER BY seq DESC LIMIT ?");
        parameters.add(limit + 1);
        List<AuditEntry> entries = new ArrayList<>();
        List<byte[]> hashes = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            AuditRows reader = new AuditRows();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    entries.add(entry(reader, rows));
                    hashes.add(rows.getBytes(16));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the audit trail failed", e);
        }
        if (entries.size() <= limit) {
            return new Page(entries, hashes, null);
        }
        entries.remove(limit);
        hashes.remove(limit);
        return new Page(entries, hashes, entries.get(limit - 1).seq());
    }

    private static void filter(StringBuilder sql, List<Object> parameters, Filter filter, Long before) {
        condition(sql, parameters, "actor_id = ?", filter.actorId());
        condition(sql, parameters, "action = ?", filter.action());
        condition(sql, parameters, "target_type = ?", filter.targetType());
        condition(sql, parameters, "target_id = ?", filter.targetId());
        condition(sql, parameters, "department_id = ?", filter.departmentId());
        condition(sql, parameters, "outcome = ?", filter.outcome());
        condition(sql, parameters, "request_id = ?", filter.requestId());
        condition(sql, parameters, "occurred_at >= ?", filter.from() == null ? null : utc(filter.from()));
        condition(sql, parameters, "occurred_at < ?", filter.to() == null ? null : utc(filter.to()));
        condition(sql, parameters, "seq < ?", before);
    }

    /** Streams the entries whose time lies in [from, to) as JSON lines, with the checkpoints in their range. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void export(Instant from, Instant to, boolean csv, OutputStream target) {
        sealer.sealNow();
        try (Connection connection = dataSource.getConnection()) {
            long[] range = range(connection, from, to);
            Writer out = new BufferedWriter(new OutputStreamWriter(target, StandardCharsets.UTF_8), 1 << 16);
            if (csv) {
                out.write(AuditCsv.HEADER);
            } else {
                out.write(AuditChain.headerLine(installation.id(), auditKey.id(), range[0], range[1],
                        previousHash(connection, range[0])));
                out.write('\n');
            }
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM " + schema
                    + ".audit_event WHERE seq BETWEEN ? AND ? ORDER BY seq")) {
                statement.setFetchSize(1000);
                statement.setLong(1, range[0]);
                statement.setLong(2, range[1]);
                AuditRows reader = new AuditRows();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        AuditEntry entry = entry(reader, rows);
                        out.write(csv ? AuditCsv.entry(entry, rows.getBytes(16))
                                : AuditChain.entryLine(entry, rows.getBytes(16)));
                        out.write('\n');
                    }
                }
            }
            for (AuditCheckpoint checkpoint : checkpoints(connection, range[0], range[1])) {
                out.write(csv ? AuditCsv.checkpoint(checkpoint) : AuditChain.checkpointLine(checkpoint));
                out.write('\n');
            }
            out.flush();
        } catch (SQLException e) {
            throw new IllegalStateException("exporting the audit trail failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Checks the whole chain and every checkpoint, in the database and in the external file. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public ChainVerification.Verdict verify() {
        sealer.sealNow();
        try (Connection connection = dataSource.getConnection()) {
            ChainVerification verification = new ChainVerification(auditKey.publicKey(), installation.id(), 1,
                    AuditChain.GENESIS, checkpoints(connection, 1, Long.MAX_VALUE),
                    externalCheckpoints(sealer.checkpointFile()));
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM " + schema
                    + ".audit_event ORDER BY seq")) {
                statement.setFetchSize(1000);
                AuditRows reader = new AuditRows();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next() && verification.accept(entry(reader, rows), rows.getBytes(16))) {
                        continue;
                    }
                }
            }
            return verification.finish();
        } catch (SQLException e) {
            throw new IllegalStateException("verifying the audit trail failed", e);
        }
    }

    private long[] range(Connection connection, Instant from, Instant to) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT COALESCE(MIN(seq), 1),"
                + " COALESCE(MAX(seq), 0) FROM " + schema + ".audit_event WHERE occurred_at >= ? AND occurred_at < ?")) {
            statement.setObject(1, utc(from == null ? Instant.EPOCH : from));
            statement.setObject(2, utc(to == null ? Instant.parse("9999-01-01T00:00:00Z") : to));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return new long[] {rows.getLong(1), rows.getLong(2)};
            }
        }
    }

    private byte[] previousHash(Connection connection, long seq) throws SQLException {
        if (seq <= 1) {
            return AuditChain.GENESIS;
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT entry_hash FROM " + schema
                + ".audit_event WHERE seq = ?")) {
            statement.setLong(1, seq - 1);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getBytes(1) : AuditChain.GENESIS;
            }
        }
    }

    private List<AuditCheckpoint> checkpoints(Connection connection, long from, long to) throws SQLException {
        List<AuditCheckpoint> checkpoints = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT seq, head_hash, created_at,"
                + " installation_id, key_id, signature FROM " + schema + ".audit_checkpoint WHERE seq BETWEEN ? AND ?"
                + " ORDER BY seq")) {
            statement.setLong(1, from);
            statement.setLong(2, to);
            AuditRows reader = new AuditRows();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    checkpoints.add(new AuditCheckpoint(rows.getLong(1), rows.getBytes(2), reader.time(rows, 3),
                            rows.getString(4), rows.getString(5), rows.getBytes(6)));
                }
            }
        }
        return checkpoints;
    }

    private static List<AuditCheckpoint> externalCheckpoints(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                    .map(l -> AuditChain.checkpointOf(FlatJson.read(l))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the external checkpoint file " + file, e);
        }
    }

    private static AuditEntry entry(AuditRows reader, ResultSet rows) throws SQLException {
        return reader.entry(rows, 2, rows.getLong(1));
    }

    private static void condition(StringBuilder sql, List<Object> parameters, String condition, Object value) {
        if (value != null) {
            sql.append(" AND ").append(condition);
            parameters.add(value);
        }
    }

    private static LocalDateTime utc(Instant time) {
        return LocalDateTime.ofInstant(time, ZoneOffset.UTC);
    }
}
