package edu.ucla.dgsom.escrow.accounts.control;

import edu.ucla.dgsom.escrow.accounts.entity.OfficialAccount;
import edu.ucla.dgsom.escrow.audit.control.AuditTrail;

/**
 * An official account as other features see it: its id, department, holders, current credential version (0 before
 * the first set) and the display name people know it by, as read when it was handed out.
 */
public record AccountRef(String id, String departmentId, String contentOwnerId, String backupModeratorId,
        int credentialVersion, String displayName) {

    static AccountRef of(OfficialAccount account) {
        return new AccountRef(account.id(), account.departmentId(), account.contentOwnerId(),
                account.backupModeratorId(), account.credentialVersion(), account.displayName());
    }

    public boolean hasCredentials() {
        return credentialVersion > 0;
    }

    /** The account as the audit trail names it. */
    public AuditTrail.Target target() {
        return new AuditTrail.Target("account", id, departmentId);
    }
}
