package edu.ucla.dgsom.escrow.accounts.control;

import edu.ucla.dgsom.escrow.accounts.entity.OfficialAccount;
import edu.ucla.dgsom.escrow.audit.control.AuditTrail;

/**
 * An account the caller was found entitled to act on, as other features see it: its id, its department and its
 * current credential version (0 before the first set), read when the entitlement was checked.
 */
public record AccountRef(String id, String departmentId, int credentialVersion) {

    static AccountRef of(OfficialAccount account) {
        return new AccountRef(account.id(), account.departmentId(), account.credentialVersion());
    }

    public boolean hasCredentials() {
        return credentialVersion > 0;
    }

    /** The account as the audit trail names it. */
    public AuditTrail.Target target() {
        return new AuditTrail.Target("account", id, departmentId);
    }
}
