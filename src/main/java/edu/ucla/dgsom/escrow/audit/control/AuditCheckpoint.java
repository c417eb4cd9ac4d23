package edu.ucla.dgsom.escrow.audit.control;

import java.time.Instant;

/**
 * The chain head at {@code seq} of installation {@code installationId}, signed at {@code createdAt} with the audit
 * signing key (Ed25519) whose id is {@code keyId}. Checkpoints of format version 1 name neither: both are null.
 */
public record AuditCheckpoint(long seq, byte[] headHash, Instant createdAt, String installationId, String keyId,
        byte[] signature) {

    /** The same checkpoint with its signature. */
    public AuditCheckpoint signed(byte[] signature) {
        return new AuditCheckpoint(seq, headHash, createdAt, installationId, keyId, signature);
    }

    /** Whether it names an installation other than {@code installationId} (a version 1 checkpoint names none). */
    public boolean belongsElsewhere(String installationId) {
        return this.installationId != null && !this.installationId.equals(installationId);
    }
}
