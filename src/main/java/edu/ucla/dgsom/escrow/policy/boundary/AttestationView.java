package edu.ucla.dgsom.escrow.policy.boundary;

import edu.ucla.dgsom.escrow.policy.entity.Attestation;
import java.time.Instant;

/**
 * A department's attestation of one period's compliance report: OPEN, ESCALATED (to DGIT, 14 days after opening) or
 * ATTESTED, by whom, when, with what verdict and corrections, and the SHA-256 of the exact CSV attested (served at
 * {@code /attestations/{id}/report}).
 */
public record AttestationView(String id, String departmentId, String periodId, Instant periodStart,
        Instant periodEnd, String state, Instant openedAt, Instant escalatedAt, String attestedBy,
        String attestedByName, Instant attestedAt, String verdict, String corrections, String reportDigest) {

    static AttestationView of(Attestation a, String attestedByName) {
        return new AttestationView(a.id(), a.departmentId(), a.periodId(), a.periodStart(), a.periodEnd(),
                a.state().name(), a.openedAt(), a.escalatedAt(), a.attestedBy(), attestedByName, a.attestedAt(),
                a.verdict() == null ? null : a.verdict().name(), a.corrections(), a.reportDigest());
    }
}
