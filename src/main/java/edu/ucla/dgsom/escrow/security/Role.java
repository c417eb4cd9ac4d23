package edu.ucla.dgsom.escrow.security;

/** What a caller may do. Per-account duties (content owner, backup moderator) come with the accounts themselves. */
public enum Role {
    /** DGIT: every account, all administration. */
    DGIT_ADMIN,
    /** The audit trail and reports, never a secret. */
    AUDITOR,
    /** The chair, chief or manager who answers for one or more departments' official accounts. */
    DEPARTMENT_OWNER,
    /** HR's system: the offboarding API and nothing else. Tokens only. */
    HR_INTEGRATION,
    /** HR's people: start offboardings and follow them; people only, never a token. */
    HR_STAFF;

    /** Whether the role is held for one department, which its grant or token names; the others are global. */
    public boolean heldForADepartment() {
        return this == DEPARTMENT_OWNER;
    }
}
