package edu.ucla.dgsom.escrow.exports.boundary;

import edu.ucla.dgsom.escrow.exports.control.DisasterRecoveryRestores;

/**
 * What a restore did: departments and people created from the file or matched to this installation's, the accounts
 * and credential versions restored, and the SHA-256 of the file (as the audit entry names it).
 */
public record DisasterRecoveryRestoreView(int departmentsCreated, int departmentsMatched, int peopleCreated,
        int peopleMatched, int accounts, int credentialVersions, String sha256) {

    static DisasterRecoveryRestoreView of(DisasterRecoveryRestores.Restored restored) {
        return new DisasterRecoveryRestoreView(restored.departmentsCreated(), restored.departmentsMatched(),
                restored.peopleCreated(), restored.peopleMatched(), restored.accounts(),
                restored.credentialVersions(), restored.sha256());
    }
}
