/** The registry of official accounts: platform, handle, department, content owner and backup moderator. */
package edu.ucla.dgsom.escrow.accounts;
