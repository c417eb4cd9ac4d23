package edu.ucla.dgsom.escrow.audit.control;

import edu.ucla.dgsom.escrow.installation.control.InstallationRegistry;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Appends pending entries to the hash chain, one batch per transaction, and removes them from the queue through the
 * schema owner's {@code release_sealed_pending} procedure. The chain-state row is locked only for the
 * batch, so requests never wait on the chain: they only insert into {@code audit_pending}. With several instances the
 * lock lets one sealer append at a time, and the primary key on the sequence number makes a gap or a duplicate
 * impossible even if a lock were lost (a Galera certification failure just retries the batch). Plain JDBC with
 * batched statements: this is the audit trail's hot path. The chaining rules are {@link ChainHead}'s.
 */
@Stateless
public class AuditSealing {

    @Resource(lookup = "jdbc/escrow")
    DataSource dataSource;

    @Inject
    AuditKey auditKey;

    @Inject
    InstallationRegistry installation;

    @Inject
    @ConfigProperty(name = "escrow.audit.schema", defaultValue = "escrow_audit")
    String schema;

    @Inject
    @ConfigProperty(name = "escrow.audit.checkpoint.every-entries", defaultValue = "1000")
    long checkpointEntries;

    @Inject
    @ConfigProperty(name = "escrow.audit.checkpoint.every", defaultValue = "PT60S")
    Duration checkpointInterval;

    /** What one batch did: how many entries it chained, and the checkpoint it signed, if one was due. */
    public record Batch(int sealed, Optional<AuditCheckpoint> checkpoint) {
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Batch sealBatch(int size) {
        try (Connection connection = dataSource.getConnection()) {
            ChainHead head = lockHead(connection);
            chainPending(connection, head, size);
            Optional<AuditCheckpoint> checkpoint = checkpointIfDue(connection, head);
            if (head.appended() > 0 || checkpoint.isPresent()) {
                storeHead(connection, head);
            }
            return new Batch(head.appended(), checkpoint);
        } catch (SQLException e) {
            throw new IllegalStateException("sealing the audit trail failed: " + e.getMessage(), e);
        }
    }

    private ChainHead lockHead(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT last_seq, last_hash, checkpoint_seq,"
                + " checkpoint_at FROM audit_chain_state WHERE id = 1 FOR UPDATE");
                ResultSet state = lock.executeQuery()) {
            state.next();
            return new ChainHead(state.getLong(1), state.getBytes(2), state.getLong(3),
                    new AuditRows().time(state, 4));
        }
    }

    /** Chains up to {@code size} pending entries, oldest first, and releases them from the queue. */
    private void chainPending(Connection connection, ChainHead head, int size) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id, " + AuditRows.FIELDS
                + " FROM " + schema + ".audit_pending ORDER BY id LIMIT ?");
                PreparedStatement insert = connection.prepareStatement("INSERT INTO " + schema + ".audit_event (seq, "
                        + AuditRows.FIELDS + ", entry_hash, pending_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            select.setInt(1, size);
            AuditRows reader = new AuditRows();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    AuditEntry entry = reader.entry(rows, 2, head.nextSeq());
                    addInsert(insert, entry, head.append(entry), rows.getLong(1));
                }
            }
            if (head.appended() > 0) {
                insert.executeBatch();
            }
        }
        if (head.appended() > 0) {
            release(connection, head.firstAppended(), head.lastSeq());
        }
    }

    private static void addInsert(PreparedStatement insert, AuditEntry entry, byte[] hash, long pendingId)
            throws SQLException {
        insert.setLong(1, entry.seq());
        insert.setObject(2, LocalDateTime.ofInstant(entry.occurredAt(), ZoneOffset.UTC));
        String[] text = {entry.actorType(), entry.actorId(), entry.actorName(), entry.actorRoles(), entry.action(),
            entry.targetType(), entry.targetId(), entry.departmentId(), entry.outcome(), entry.reason(),
            entry.clientAddress(), entry.requestId(), entry.details()};
        for (int i = 0; i < text.length; i++) {
            insert.setString(3 + i, text[i]);
        }
        insert.setBytes(16, hash);
        insert.setLong(17, pendingId);
        insert.addBatch();
    }

    /**
     * The application may not delete from the queue; this procedure (the schema owner's) removes only what the chain
     * now holds.
     */
    private void release(Connection connection, long fromSeq, long toSeq) throws SQLException {
        try (CallableStatement release = connection.prepareCall("{call " + schema + ".release_sealed_pending(?, ?)}")) {
            release.setLong(1, fromSeq);
            release.setLong(2, toSeq);
            release.execute();
        }
    }

    /** Signs and stores a checkpoint of the head if one is due. */
    private Optional<AuditCheckpoint> checkpointIfDue(Connection connection, ChainHead head) throws SQLException {
        Instant now = AuditChain.micros(Instant.now());
        if (!head.checkpointDue(now, checkpointEntries, checkpointInterval)) {
            return Optional.empty();
        }
        AuditCheckpoint unsigned = new AuditCheckpoint(head.lastSeq(), head.lastHash(), now,
                installation.id(), auditKey.id(), null);
        AuditCheckpoint checkpoint = unsigned.signed(auditKey.sign(AuditChain.checkpointPayload(unsigned)));
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + schema
                + ".audit_checkpoint (seq, head_hash, created_at, installation_id, key_id, signature)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, checkpoint.seq());
            insert.setBytes(2, checkpoint.headHash());
            insert.setObject(3, LocalDateTime.ofInstant(now, ZoneOffset.UTC));
            insert.setString(4, checkpoint.installationId());
            insert.setString(5, checkpoint.keyId());
            insert.setBytes(6, checkpoint.signature());
            insert.executeUpdate();
        }
        head.checkpointed(now);
        return Optional.of(checkpoint);
    }

    private static void storeHead(Connection connection, ChainHead head) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE audit_chain_state SET last_seq = ?,"
                + " last_hash = ?, checkpoint_seq = ?, checkpoint_at = ? WHERE id = 1")) {
            update.setLong(1, head.lastSeq());
            update.setBytes(2, head.lastHash());
            update.setLong(3, head.checkpointSeq());
            update.setObject(4, LocalDateTime.ofInstant(head.checkpointAt(), ZoneOffset.UTC));
            update.executeUpdate();
        }
    }
}
