/**
 * The registry of official accounts (policy section I): platform, handle, department, status, content owner and backup
 * moderator, and who may do what with each account ({@code AccountAccess}). See docs/accounts.md.
 */
package edu.ucla.dgsom.escrow.accounts;
