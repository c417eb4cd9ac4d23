package edu.ucla.dgsom.escrow.imports.entity;

/**
 * What an import will do with one entry: create an account, add a version to an existing one (merge), or skip it and
 * why. {@code number} counts entries from 1 in file order; {@code position} is where the file has it. No secret: only
 * whether the entry carries a password, a TOTP seed and notes.
 */
public record PlannedEntry(int number, String position, String title, String folder, String url, String loginName,
        boolean hasPassword, boolean hasTotp, boolean hasNotes, ProfileAddress address, String departmentId,
        ImportMapping.Holders holders, Action action, String accountId, String reason) {

    public enum Action { CREATE, MERGE, SKIP }

    /** The same entry, skipped for {@code why} (e.g. its credentials are escrowed already). */
    public PlannedEntry skipped(String why) {
        return new PlannedEntry(number, position, title, folder, url, loginName, hasPassword, hasTotp, hasNotes,
                address, departmentId, holders, Action.SKIP, accountId, why);
    }
}
