package edu.ucla.dgsom.escrow.accounts.boundary;

import java.util.List;

/** Accounts by display name; pass {@code nextAfter} as {@code after} for the next page (absent at the end). */
public record AccountPage(List<AccountView> items, String nextAfter) {
}
