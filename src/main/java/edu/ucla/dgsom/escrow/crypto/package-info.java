/**
 * The storage barrier and key custody. Every secret the service keeps (account passwords, TOTP seeds, MFA seeds
 * of sign-ins) is sealed here; the keys never leave it. The key store file holds the root key and the audit signing
 * key; the database holds the key ring of key-encryption keys, wrapped by the root key. See docs/crypto.md.
 */
package edu.ucla.dgsom.escrow.crypto;
