package edu.ucla.dgsom.escrow.audit.control;

import java.time.Instant;

/** The chain head at {@code seq}, signed with the audit signing key (Ed25519) at {@code createdAt}. */
public record AuditCheckpoint(long seq, byte[] headHash, Instant createdAt, byte[] signature) {
}
