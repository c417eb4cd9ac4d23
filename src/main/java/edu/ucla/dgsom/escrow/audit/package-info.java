/**
 * The audit trail: every access, allowed or denied, appended through {@link edu.ucla.dgsom.escrow.audit.control.AuditTrail}
 * in the same transaction as the action it records.
 */
package edu.ucla.dgsom.escrow.audit;
