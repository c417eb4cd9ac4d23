package edu.ucla.dgsom.escrow.accounts.control;

import edu.ucla.dgsom.escrow.accounts.entity.OfficialAccount;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a page of the account list ended, for the next page: the order it belongs to and the last account's value in
 * that order and id. Clients treat it as opaque text ({@code nextAfter}, passed back as {@code after}).
 */
public record AccountCursor(AccountSort sort, String value, String id) {

    private static final String VERSION = "1";
    private static final String SEPARATOR = "\n";

    /** The cursor after {@code last} in {@code sort}. */
    public static AccountCursor after(OfficialAccount last, AccountSort sort) {
        return new AccountCursor(sort, sort.field().valueOf(last), last.id());
    }

    /** The opaque text a client passes back. */
    public String encode() {
        String text = String.join(SEPARATOR, VERSION, sort.spelled(), id, value == null ? "-" : "=" + value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor {@code text} encodes, if it is one made for a list in {@code sort}; empty otherwise. */
    public static Optional<AccountCursor> decode(String text, AccountSort sort) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split(SEPARATOR, 4);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (parts.length != 4 || !parts[0].equals(VERSION) || !parts[1].equals(sort.spelled()) || parts[2].isEmpty()
                || !(parts[3].equals("-") || parts[3].startsWith("="))) {
            return Optional.empty();
        }
        String value = parts[3].equals("-") ? null : parts[3].substring(1);
        if (value == null && !sort.field().nullable()) {
            return Optional.empty();
        }
        try {
            if (value != null) {
                sort.field().parameter(value);
            }
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return Optional.of(new AccountCursor(sort, value, parts[2]));
    }
}
