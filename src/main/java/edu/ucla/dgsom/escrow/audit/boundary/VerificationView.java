package edu.ucla.dgsom.escrow.audit.boundary;

import edu.ucla.dgsom.escrow.audit.control.ChainVerification;

/** The verdict: OK with the range verified, or the first bad sequence number and why. */
public record VerificationView(boolean ok, long fromSeq, long toSeq, long entries, int checkpoints, Long firstBadSeq,
        String problem) {

    static VerificationView of(ChainVerification.Verdict v) {
        return new VerificationView(v.ok(), v.fromSeq(), v.toSeq(), v.entries(), v.checkpoints(), v.firstBadSeq(),
                v.problem());
    }
}
