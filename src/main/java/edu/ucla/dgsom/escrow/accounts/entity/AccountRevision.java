package edu.ucla.dgsom.escrow.accounts.entity;

import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * New values for an account's metadata, each already in its stored form. Null keeps a value; an empty
 * {@code profileUrl} or {@code notes} clears it, and so does an empty {@code platformMfa} (not stated).
 */
public record AccountRevision(String handle, String displayName, String profileUrl, String notes,
        String departmentId, String platformMfa) {

    /** What this revision changes of {@code account}, as the audit trail records it; the notes' text never. */
    public SortedMap<String, String> changesOf(OfficialAccount account) {
        SortedMap<String, String> changed = new TreeMap<>();
        if (!handleOr(account.handle()).equals(account.handle())) {
            changed.put("handle", handle);
        }
        if (!displayNameOr(account.displayName()).equals(account.displayName())) {
            changed.put("displayName", displayName);
        }
        String url = profileUrlOr(account.profileUrl());
        if (!Objects.equals(url, account.profileUrl())) {
            changed.put("profileUrl", url == null ? "" : url);
        }
        if (!Objects.equals(notesOr(account.notes()), account.notes())) {
            changed.put("notes", "changed");
        }
        if (movesDepartmentOf(account)) {
            changed.put("department", account.departmentId() + "->" + departmentId);
        }
        PlatformMfa stated = account.recovery().platformMfa();
        PlatformMfa mfa = platformMfaOr(stated);
        if (mfa != stated) {
            changed.put("platformMfa", mfa == null ? "" : mfa.name());
        }
        return changed;
    }

    String handleOr(String current) {
        return handle == null ? current : handle;
    }

    String displayNameOr(String current) {
        return displayName == null ? current : displayName;
    }

    /** The new profile URL: the current one if none is given, none if an empty one is. */
    String profileUrlOr(String current) {
        return profileUrl == null ? current : emptyAsNull(profileUrl);
    }

    String notesOr(String current) {
        return notes == null ? current : emptyAsNull(notes);
    }

    /** The platform's second factor: the current one if none is given, unstated if an empty one is. */
    PlatformMfa platformMfaOr(PlatformMfa current) {
        return platformMfa == null ? current : platformMfa.isEmpty() ? null : PlatformMfa.valueOf(platformMfa);
    }

    String departmentIdOr(String current) {
        return departmentId == null ? current : departmentId;
    }

    private static String emptyAsNull(String value) {
        return value.isEmpty() ? null : value;
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
        return new AccountRevision(handle, displayName, profileUrl, notes, storedId, platformMfa);
    }
}
