package edu.ucla.dgsom.escrow.imports.entity;

import java.util.List;
import java.util.Objects;

/**
 * One entry of an export file, normalized across vendors. Absent values are null; an entry without a password is
 * valid (a shared mailbox reached by SSO, a secure note). Notes keep their lines, ended by {@code \n} whatever the
 * file used. {@code position} names where the entry sits in the file
 * ({@code line 4}, {@code item 3}), for messages. {@code folder} is the vendor's folder, collection, group or vault
 * path, its parts joined by {@code /}. {@code toString()} shows no secret: not the password, the TOTP, the notes nor
 * a custom field's value.
 */
public record ImportedEntry(String position, Kind kind, String title, String url, String username, String password,
        ImportedTotp totp, String notes, String folder, boolean favorite, List<CustomField> fields) {

    /** What the vendor says the entry is: a login, a secure note, or something else (a card, an identity). */
    public enum Kind {
        LOGIN, SECURE_NOTE, OTHER
    }

    public ImportedEntry {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(kind, "kind");
        title = blankToNull(title);
        url = blankToNull(url);
        username = blankToNull(username);
        password = emptyToNull(password);
        notes = notes == null || notes.isEmpty() ? null : notes.replace("\r\n", "\n");
        folder = blankToNull(folder);
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    public boolean hasPassword() {
        return password != null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    @Override
    public String toString() {
        return "ImportedEntry[" + position + ", " + kind + ", title=" + title + ", url=" + url + ", username="
                + username + ", password=" + (password == null ? "none" : "****") + ", totp="
                + (totp == null ? "none" : totp.kind()) + ", notes=" + (notes == null ? "none" : "****")
                + ", folder=" + folder + ", favorite=" + favorite + ", fields=" + fields.size() + "]";
    }
}
