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
 * batched statements: this is the audit trail's hot path.
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
            long lastSeq;
            byte[] lastHash;
            long checkpointSeq;
            Instant checkpointAt;
            try (PreparedStatement lock = connection.prepareStatement("SELECT last_seq, last_hash, checkpoint_seq,"
                    + " checkpoint_at FROM audit_chain_state WHERE id = 1 FOR UPDATE");
                    ResultSet state = lock.executeQuery()) {
                state.next();
                lastSeq = state.getLong(1);
                lastHash = state.getBytes(2);
                checkpointSeq = state.getLong(3);
                checkpointAt = state.getObject(4, LocalDateTime.class).toInstant(ZoneOffset.UTC);
            }
            int sealed = 0;
            try (PreparedStatement select = connection.prepareStatement("SELECT id, " + AuditRows.FIELDS
                    + " FROM " + schema + ".audit_pending ORDER BY id LIMIT ?");
                    PreparedStatement insert = connection.prepareStatement("INSERT INTO " + schema + ".audit_event (seq, "
                            + AuditRows.FIELDS + ", entry_hash, pending_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                select.setInt(1, size);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        AuditEntry entry = AuditRows.entry(rows, 2, lastSeq + 1);
                        byte[] hash = AuditChain.hash(lastHash, entry);
                        insert.setLong(1, entry.seq());
                        insert.setObject(2, LocalDateTime.ofInstant(entry.occurredAt(), ZoneOffset.UTC));
                        String[] text = {entry.actorType(), entry.actorId(), entry.actorName(), entry.actorRoles(),
                            entry.action(), entry.targetType(), entry.targetId(), entry.departmentId(), entry.outcome(),
                            entry.reason(), entry.clientAddress(), entry.requestId(), entry.details()};
                        for (int i = 0; i < text.length; i++) {
                            insert.setString(3 + i, text[i]);
                        }
                        insert.setBytes(16, hash);
                        insert.setLong(17, rows.getLong(1));
                        insert.addBatch();
                        sealed++;
                        lastSeq = entry.seq();
                        lastHash = hash;
                    }
                }
                if (sealed > 0) {
                    insert.executeBatch();
                }
            }
            if (sealed > 0) {
                // The application may not delete from the queue; this procedure (the schema owner's) removes only
                // what the chain now holds.
                try (CallableStatement release = connection.prepareCall("{call " + schema
                        + ".release_sealed_pending(?, ?)}")) {
                    release.setLong(1, lastSeq - sealed + 1);
                    release.setLong(2, lastSeq);
                    release.execute();
                }
            }
            Instant now = AuditChain.micros(Instant.now());
            Optional<AuditCheckpoint> checkpoint = Optional.empty();
            if (lastSeq > checkpointSeq && (lastSeq - checkpointSeq >= checkpointEntries
                    || !now.isBefore(checkpointAt.plus(checkpointInterval)))) {
                AuditCheckpoint unsigned = new AuditCheckpoint(lastSeq, lastHash, now, installation.current().id(),
                        auditKey.id(), null);
                checkpoint = Optional.of(new AuditCheckpoint(lastSeq, lastHash, now, unsigned.installationId(),
                        unsigned.keyId(), auditKey.sign(AuditChain.checkpointPayload(unsigned))));
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + schema
                        + ".audit_checkpoint (seq, head_hash, created_at, installation_id, key_id, signature)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")) {
                    insert.setLong(1, lastSeq);
                    insert.setBytes(2, lastHash);
                    insert.setObject(3, LocalDateTime.ofInstant(now, ZoneOffset.UTC));
                    insert.setString(4, unsigned.installationId());
                    insert.setString(5, unsigned.keyId());
                    insert.setBytes(6, checkpoint.get().signature());
                    insert.executeUpdate();
                }
                checkpointSeq = lastSeq;
                checkpointAt = now;
            }
            if (sealed > 0 || checkpoint.isPresent()) {
                try (PreparedStatement update = connection.prepareStatement("UPDATE audit_chain_state SET last_seq = ?,"
                        + " last_hash = ?, checkpoint_seq = ?, checkpoint_at = ? WHERE id = 1")) {
                    update.setLong(1, lastSeq);
                    update.setBytes(2, lastHash);
                    update.setLong(3, checkpointSeq);
                    update.setObject(4, LocalDateTime.ofInstant(checkpointAt, ZoneOffset.UTC));
                    update.executeUpdate();
                }
            }
            return new Batch(sealed, checkpoint);
        } catch (SQLException e) {
            throw new IllegalStateException("sealing the audit trail failed: " + e.getMessage(), e);
        }
    }
}
