package edu.ucla.dgsom.escrow.audit.control;

import java.time.Duration;
import java.time.Instant;

/**
 * The head of the hash chain while a batch is appended to it: the last sequence number and hash, and where the last
 * checkpoint was signed. Its rules: sequence numbers follow one another without gaps, each entry's hash chains from
 * the one before it, and a checkpoint is due once enough entries or enough time have passed since the last one.
 */
final class ChainHead {

    private final long firstNew;
    private long lastSeq;
    private byte[] lastHash;
    private long checkpointSeq;
    private Instant checkpointAt;

    ChainHead(long lastSeq, byte[] lastHash, long checkpointSeq, Instant checkpointAt) {
        this.firstNew = lastSeq + 1;
        this.lastSeq = lastSeq;
        this.lastHash = lastHash.clone();
        this.checkpointSeq = checkpointSeq;
        this.checkpointAt = checkpointAt;
    }

    /** The sequence number the next entry gets. */
    long nextSeq() {
        return lastSeq + 1;
    }

    /** Chains {@code entry}, which must carry {@link #nextSeq()}, and returns its hash. */
    byte[] append(AuditEntry entry) {
        if (entry.seq() != nextSeq()) {
            throw new IllegalArgumentException("entry " + entry.seq() + " does not follow " + lastSeq);
        }
        lastHash = AuditChain.hash(lastHash, entry);
        lastSeq = entry.seq();
        return lastHash.clone();
    }

    /** How many entries this batch has chained. */
    int appended() {
        return (int) (lastSeq - firstNew + 1);
    }

    /** The sequence number of the first entry this batch chained. */
    long firstAppended() {
        return firstNew;
    }

    long lastSeq() {
        return lastSeq;
    }

    byte[] lastHash() {
        return lastHash.clone();
    }

    long checkpointSeq() {
        return checkpointSeq;
    }

    Instant checkpointAt() {
        return checkpointAt;
    }

    /** Whether the head moved since the last checkpoint by {@code everyEntries}, or at all and {@code every} ago. */
    boolean checkpointDue(Instant now, long everyEntries, Duration every) {
        return lastSeq > checkpointSeq
                && (lastSeq - checkpointSeq >= everyEntries || !now.isBefore(checkpointAt.plus(every)));
    }

    /** The head as it stands, signed at {@code now}, is the last checkpoint from now on. */
    void checkpointed(Instant now) {
        checkpointSeq = lastSeq;
        checkpointAt = now;
    }
}
