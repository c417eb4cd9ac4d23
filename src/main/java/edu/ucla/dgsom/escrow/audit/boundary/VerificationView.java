package edu.ucla.dgsom.escrow.audit.boundary;

import edu.ucla.dgsom.escrow.audit.control.ChainVerification;
import java.util.List;

/**
 * The verdict: OK with the range verified, or the first bad sequence number and why; warnings name what was ignored
 * (another installation's checkpoints in the checkpoint file).
 */
public record VerificationView(boolean ok, long fromSeq, long toSeq, long entries, int checkpoints, Long firstBadSeq,
        String problem, List<String> warnings) {

    static VerificationView of(ChainVerification.Verdict v) {
        return new VerificationView(v.ok(), v.fromSeq(), v.toSeq(), v.entries(), v.checkpoints(), v.firstBadSeq(),
                v.problem(), v.warnings());
    }
}
