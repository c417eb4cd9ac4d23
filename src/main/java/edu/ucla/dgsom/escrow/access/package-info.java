/**
 * Identity and access: departments, people (keyed by the HR employee id), role grants, sign-in with Argon2id
 * passwords and TOTP, database-backed sessions, API tokens for systems, and the first DGIT admin of a new
 * installation.
 */
package edu.ucla.dgsom.escrow.access;
