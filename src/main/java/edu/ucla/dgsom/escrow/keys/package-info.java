/**
 * Key management as an administrator does it: KEK rotation (re-wrapping every data key in the background), root-key
 * rotation and KEK retirement, each audited. It uses the barrier and key ring of {@code crypto} and the audit trail;
 * neither of those knows about it. See docs/crypto.md.
 */
package edu.ucla.dgsom.escrow.keys;
