package edu.ucla.dgsom.escrow.accounts.entity;

/**
 * New values for an account's metadata, each already in its stored form. Null keeps a value; an empty
 * {@code profileUrl} or {@code notes} clears it.
 */
public record AccountRevision(String handle, String displayName, String profileUrl, String notes,
        AccountStatus status, String departmentId) {

    /** Whether this revision would change the account's status, which only DGIT admins may do. */
    public boolean changesStatusOf(OfficialAccount account) {
        return status != null && status != account.status();
    }

    /** Whether this revision would move the account to another department. */
    public boolean movesDepartmentOf(OfficialAccount account) {
        return departmentId != null && !departmentId.equals(account.departmentId());
    }

    /** Whether this revision would change the account's handle, which must stay unique on its platform. */
    public boolean changesHandleOf(OfficialAccount account) {
        return handle != null && !handle.equals(account.handle());
    }

    /** The same revision, naming the department as the database spells its id. */
    public AccountRevision withDepartmentId(String storedId) {
        return new AccountRevision(handle, displayName, profileUrl, notes, status, storedId);
    }
}
