package edu.ucla.dgsom.escrow.imports.entity;

/**
 * A field of an entry beyond title, URL, username, password, TOTP and notes (Bitwarden's custom fields, 1Password's
 * section fields, KeePass's extra strings). {@code hidden} when the vendor marked it concealed or protected. Its value
 * may be a secret: {@code toString()} never shows it.
 */
public record CustomField(String name, String value, boolean hidden) {

    @Override
    public String toString() {
        return "CustomField[" + name + (hidden ? ", hidden" : "") + ", ****]";
    }
}
