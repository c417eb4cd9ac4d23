package edu.ucla.dgsom.escrow.audit.boundary;

import edu.ucla.dgsom.escrow.audit.control.ChainVerification;
import java.time.Instant;
import java.util.List;

/**
 * The verdict: OK with the range verified, or the first bad sequence number and why; warnings name what was ignored
 * (another installation's checkpoints in the checkpoint file). {@code lastCheckpoint} is the newest signed checkpoint
 * the entries were verified against (null if none), {@code checkedAt} when the verification began.
 */
public record VerificationView(boolean ok, long fromSeq, long toSeq, long entries, int checkpoints, Long firstBadSeq,
        String problem, List<String> warnings, LastCheckpoint lastCheckpoint, Instant checkedAt) {

    /**
     * A checkpoint in words: {@code keyFingerprint} is the SHA-256 (hex) of the signing public key's X.509 encoding,
     * the key of {@code GET /keys/audit-public-key}; {@code signedBy} says whose key that is.
     */
    public record LastCheckpoint(long seq, Instant createdAt, String keyFingerprint, String signedBy) {

        static LastCheckpoint of(ChainVerification.VerifiedCheckpoint checkpoint) {
            return checkpoint == null ? null : new LastCheckpoint(checkpoint.seq(), checkpoint.createdAt(),
                    checkpoint.keyFingerprint(), checkpoint.signedBy());
        }
    }

    static VerificationView of(ChainVerification.Verdict v, Instant checkedAt) {
        return new VerificationView(v.ok(), v.fromSeq(), v.toSeq(), v.entries(), v.checkpoints(), v.firstBadSeq(),
                v.problem(), v.warnings(), LastCheckpoint.of(v.lastCheckpoint()), checkedAt);
    }
}
