package edu.ucla.dgsom.escrow.imports.entity;

import java.util.Map;

/**
 * How an upload's entries become accounts, as the importer edits it between preview and commit: the department an
 * entry goes to (its own choice, else its folder's, else the default), the holders each department's new accounts
 * get, and entries left out. Folders are the vendor's folder, collection or group paths as the preview shows them.
 */
public record ImportMapping(String departmentId, Map<String, String> folders, Map<String, Holders> holders,
        Map<String, EntryChoice> entries) {

    /** The content owner and backup moderator of a department's new accounts. */
    public record Holders(String contentOwnerId, String backupModeratorId) {
    }

    /** One entry's own choices, by its number in the preview: its department, or that it is left out. */
    public record EntryChoice(String departmentId, Boolean skip) {

        boolean skipped() {
            return Boolean.TRUE.equals(skip);
        }
    }

    public ImportMapping {
        folders = folders == null ? Map.of() : Map.copyOf(folders);
        holders = holders == null ? Map.of() : Map.copyOf(holders);
        entries = entries == null ? Map.of() : Map.copyOf(entries);
    }

    /** A mapping that sends everything to one department (or nowhere yet, with null). */
    public static ImportMapping into(String departmentId) {
        return new ImportMapping(departmentId, Map.of(), Map.of(), Map.of());
    }

    EntryChoice choiceFor(int entry) {
        return entries.getOrDefault(Integer.toString(entry), new EntryChoice(null, null));
    }

    /** The department of entry number {@code entry} in {@code folder}, or null when nothing names one. */
    String departmentFor(int entry, String folder) {
        String chosen = choiceFor(entry).departmentId();
        if (chosen != null) {
            return chosen;
        }
        return folder != null && folders.containsKey(folder) ? folders.get(folder) : departmentId;
    }
}
