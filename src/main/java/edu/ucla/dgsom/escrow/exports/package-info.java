/**
 * The disaster-recovery export: every department, person, account and credential as one OpenPGP message that stock
 * GnuPG opens with any one of the installation's recovery keys (docs/operations.md, "Disaster-recovery export").
 * It reads the other features through their control APIs, opens credentials only through {@code credentials}
 * (and so through the barrier) under the reveal rules, and audits and announces each export before it is answered.
 */
package edu.ucla.dgsom.escrow.exports;
