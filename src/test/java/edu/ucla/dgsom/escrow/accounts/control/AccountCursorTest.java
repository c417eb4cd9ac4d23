package edu.ucla.dgsom.escrow.accounts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.ucla.dgsom.escrow.accounts.entity.AccountStatus;
import edu.ucla.dgsom.escrow.accounts.entity.OfficialAccount;
import edu.ucla.dgsom.escrow.accounts.entity.Platform;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccountCursorTest {

    private static final Instant NOW = Instant.parse("2026-12-03T09:00:00Z");

    private static OfficialAccount account(String displayName) {
        return new OfficialAccount(Platform.TIKTOK, null, "dgsom", null, displayName, "dept-1", AccountStatus.ACTIVE,
                "owner", "moderator", null, "creator", NOW);
    }

    private static AccountSort sort(String spelled) {
        return AccountSort.parse(spelled).orElseThrow();
    }

    @Test
    void a_sort_is_a_known_field_with_an_optional_minus_for_descending() {
        assertEquals(new AccountSort(AccountSort.Field.UPDATED_AT, AccountSort.Direction.DESCENDING),
                sort("-updatedAt"));
        assertEquals(AccountSort.DEFAULT, sort("displayName"));
        assertEquals(Optional.empty(), AccountSort.parse("handle"));
        assertEquals(Optional.empty(), AccountSort.parse("--displayName"));
        assertEquals(Optional.empty(), AccountSort.parse("DISPLAYNAME"));
    }

    @Test
    void a_cursor_carries_the_last_accounts_value_and_id_through_its_opaque_text() {
        OfficialAccount last = account("Pipes | and\nnew lines");
        AccountCursor cursor = AccountCursor.after(last, AccountSort.DEFAULT);
        String text = cursor.encode();
        assertFalse(text.contains(last.id()), "opaque: not the id in plain sight");
        assertEquals(Optional.of(cursor), AccountCursor.decode(text, AccountSort.DEFAULT));
        AccountCursor byPlatform = AccountCursor.after(last, sort("-platform"));
        assertEquals("TIKTOK", byPlatform.value());
        assertEquals(Optional.of(byPlatform), AccountCursor.decode(byPlatform.encode(), sort("-platform")));
    }

    @Test
    void an_account_without_a_due_date_has_no_value_in_that_order_and_its_cursor_still_pages() {
        AccountCursor cursor = AccountCursor.after(account("A"), sort("rotationDueAt"));
        assertNull(cursor.value());
        assertEquals(Optional.of(cursor), AccountCursor.decode(cursor.encode(), sort("rotationDueAt")));
    }

    @Test
    void a_cursor_of_another_order_or_a_made_up_one_is_refused() {
        String text = AccountCursor.after(account("A"), AccountSort.DEFAULT).encode();
        assertTrue(AccountCursor.decode(text, sort("-displayName")).isEmpty());
        assertTrue(AccountCursor.decode("not a cursor!", AccountSort.DEFAULT).isEmpty());
        assertTrue(AccountCursor.decode("", AccountSort.DEFAULT).isEmpty());
        assertTrue(AccountCursor.decode(new AccountCursor(sort("status"), "DELETED", "x").encode(), sort("status"))
                .isEmpty(), "a value the field cannot have");
        assertTrue(AccountCursor.decode(new AccountCursor(sort("updatedAt"), "yesterday", "x").encode(),
                sort("updatedAt")).isEmpty());
        assertTrue(AccountCursor.decode(new AccountCursor(AccountSort.DEFAULT, null, "x").encode(),
                AccountSort.DEFAULT).isEmpty(), "display names are never absent");
    }
}
