/**
 * The credentials of official accounts: versioned sets sealed field by field through the barrier, rotated with
 * optimistic concurrency, revealed and turned into TOTP codes only with a stated reason; and strong password
 * generation. See docs/accounts.md.
 */
package edu.ucla.dgsom.escrow.credentials;
