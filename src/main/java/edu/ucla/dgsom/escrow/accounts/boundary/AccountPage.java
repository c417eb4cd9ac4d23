package edu.ucla.dgsom.escrow.accounts.boundary;

import java.util.List;

/**
 * A page of accounts in the order asked for; pass {@code nextAfter} (opaque) as {@code after}, with the same filters and
 * sort, for the next page (absent at the end).
 */
public record AccountPage(List<AccountView> items, String nextAfter) {
}
