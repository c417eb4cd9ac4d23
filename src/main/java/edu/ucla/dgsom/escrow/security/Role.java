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
    HR_STAFF,
    /**
     * The supervisor or entity-executive leader (chair, chief, manager) who approves a department's requests for
     * official accounts (policy I.1); people only, never a token: an approval is a person's statement.
     */
    SUPERVISOR;

    /** Whether the role is held for one department, which its grant or token names; the others are global. */
    public boolean heldForADepartment() {
        return this == DEPARTMENT_OWNER || this == SUPERVISOR;
    }

    /** Whether only people hold the role, never a system's token. */
    public boolean heldByPeopleOnly() {
        return this == HR_STAFF || this == SUPERVISOR;
    }
}
