package edu.ucla.dgsom.escrow.audit.control;

import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Checks a run of chain entries, fed in sequence order, against their stored hashes and against signed checkpoints.
 * Used by the server's verification endpoint and by the offline verifier alike.
 */
public final class ChainVerification {

    /**
     * The outcome: {@code ok}, the range of sequence numbers checked, and otherwise the first sequence number that is
     * wrong or missing and why. {@code warnings} name what was ignored, such as another installation's checkpoints;
     * {@code lastCheckpoint} is the newest checkpoint the entries were verified against, or null.
     */
    public record Verdict(boolean ok, long fromSeq, long toSeq, long entries, int checkpoints, Long firstBadSeq,
            String problem, List<String> warnings, VerifiedCheckpoint lastCheckpoint) {
    }

    /**
     * A checkpoint whose signature and head the verification confirmed: its sequence number, when it was signed, the
     * fingerprint of the public key its signature verified with (the key id: SHA-256 of the key's X.509 encoding, in
     * hex) and the installation whose trail it signs.
     */
    public record VerifiedCheckpoint(long seq, Instant createdAt, String keyFingerprint, String installationId) {

        /** Who signed it, in words: the installation's audit signing key (installations have an id, no name). */
        public String signedBy() {
            return "the audit signing key of installation " + installationId;
        }
    }

    private final NavigableMap<Long, AuditCheckpoint> checkpoints = new TreeMap<>();
    private final List<String> warnings = new ArrayList<>();
    private final long fromSeq;
    private final String installationId;
    private final String keyId;
    private VerifiedCheckpoint lastVerified;
    private byte[] previous;
    private long expected;
    private long entries;
    private int checkpointsVerified;
    private long lastGoodCheckpoint;
    private Long firstBad;
    private String problem;

    /**
     * Starts at {@code fromSeq}, whose entry chains from {@code previousHash} (the genesis hash for 1), for the trail
     * of {@code installationId}. Its {@code own} checkpoints (the database's, or the export's) must all be this
     * installation's; an {@code external} file may also hold another installation's (e.g. of a database that was
     * wiped), which are ignored with a warning rather than taken as evidence of tampering.
     */
    public ChainVerification(PublicKey key, String installationId, long fromSeq, byte[] previousHash,
            Collection<AuditCheckpoint> own, Collection<AuditCheckpoint> external) {
        this.fromSeq = fromSeq;
        this.installationId = installationId;
        this.keyId = AuditChain.keyId(key);
        this.expected = fromSeq;
        this.previous = previousHash.clone();
        this.lastGoodCheckpoint = fromSeq - 1;
        for (AuditCheckpoint checkpoint : own) {
            if (checkpoint.belongsElsewhere(installationId)) {
                fail(checkpoint.seq(), "the checkpoint at " + checkpoint.seq() + " names installation "
                        + checkpoint.installationId() + " but the trail is installation " + installationId
                        + "'s: the installation id or the checkpoints were changed");
            }
        }
        List<AuditCheckpoint> known = new ArrayList<>(own);
        known.addAll(externalOfThisInstallation(installationId, fromSeq, external));
        for (AuditCheckpoint checkpoint : known) {
            AuditCheckpoint other = checkpoints.putIfAbsent(checkpoint.seq(), checkpoint);
            if (other != null && !Arrays.equals(other.headHash(), checkpoint.headHash())) {
                fail(checkpoint.seq(), "two checkpoints for sequence " + checkpoint.seq() + " disagree");
            }
        }
        verifySignatures(key);
    }

    /** The file's checkpoints of this installation from {@code fromSeq} on; another installation's become warnings. */
    private List<AuditCheckpoint> externalOfThisInstallation(String installationId, long fromSeq,
            Collection<AuditCheckpoint> external) {
        Map<String, List<Long>> foreign = new TreeMap<>();
        List<AuditCheckpoint> ours = new ArrayList<>();
        for (AuditCheckpoint checkpoint : external) {
            if (checkpoint.belongsElsewhere(installationId)) {
                foreign.computeIfAbsent(checkpoint.installationId(), i -> new ArrayList<>()).add(checkpoint.seq());
            } else if (checkpoint.seq() >= fromSeq) {
                ours.add(checkpoint);
            }
        }
        foreign.forEach((other, seqs) -> warnings.add((seqs.size() == 1 ? "checkpoint " + seqs.get(0) + " belongs"
                : seqs.size() + " checkpoints (" + Collections.min(seqs) + " to " + Collections.max(seqs) + ") belong")
                + " to installation " + other + ", not this one (" + installationId + "): ignored"));
        return ours;
    }

    private void verifySignatures(PublicKey key) {
        for (Map.Entry<Long, AuditCheckpoint> checkpoint : checkpoints.entrySet()) {
            String signedBy = checkpoint.getValue().keyId();
            if (signedBy != null && !signedBy.equals(keyId)) {
                fail(checkpoint.getKey(), "the checkpoint at " + checkpoint.getKey() + " was signed with audit key "
                        + signedBy + ", not with the given key " + keyId);
            } else if (!AuditChain.signatureValid(checkpoint.getValue(), key)) {
                fail(checkpoint.getKey(), "the checkpoint at " + checkpoint.getKey() + " has an invalid signature");
            }
        }
    }

    /** Feeds the next entry with the hash stored beside it; returns false once something is wrong. */
    public boolean accept(AuditEntry entry, byte[] storedHash) {
        if (firstBad != null) {
            return false;
        }
        if (entry.seq() != expected) {
            return fail(expected, entry.seq() > expected ? "entries " + expected + " to " + (entry.seq() - 1)
                    + " are missing" : "sequence " + entry.seq() + " appears out of order or twice");
        }
        byte[] computed = AuditChain.hash(previous, entry);
        if (!Arrays.equals(computed, storedHash)) {
            return fail(entry.seq(), "entry " + entry.seq() + " does not match its hash: it was altered");
        }
        AuditCheckpoint checkpoint = checkpoints.get(entry.seq());
        if (checkpoint != null) {
            if (!Arrays.equals(checkpoint.headHash(), computed)) {
                return fail(lastGoodCheckpoint + 1, "the entries after sequence " + lastGoodCheckpoint
                        + " do not lead to the signed checkpoint at " + entry.seq() + ": they were rewritten"
                        + (checkpoint.installationId() == null ? " (a version 1 checkpoint names no installation: if"
                                + " it came from another installation's checkpoint file, that file is not this trail's)"
                                : ""));
            }
            checkpointsVerified++;
            lastGoodCheckpoint = entry.seq();
            // Version 1 checkpoints name no installation; any checkpoint that verifies here is this trail's.
            lastVerified = new VerifiedCheckpoint(entry.seq(), checkpoint.createdAt(), keyId, installationId);
        }
        previous = computed;
        expected++;
        entries++;
        return true;
    }

    public Verdict finish() {
        long last = expected - 1;
        if (firstBad == null) {
            Map.Entry<Long, AuditCheckpoint> beyond = checkpoints.higherEntry(last);
            if (beyond != null) {
                fail(last + 1, "a signed checkpoint covers sequence " + beyond.getKey() + " but the trail ends at "
                        + last + ": the newest entries were removed");
            }
        }
        return new Verdict(firstBad == null, fromSeq, last, entries, checkpointsVerified, firstBad, problem,
                List.copyOf(warnings), lastVerified);
    }

    private boolean fail(long seq, String why) {
        if (firstBad == null) {
            firstBad = seq;
            problem = why;
        }
        return false;
    }
}
