/**
 * Shared plumbing: who the caller is ({@link edu.ucla.dgsom.escrow.security.Caller}), their roles, the access rules
 * an endpoint declares ({@link edu.ucla.dgsom.escrow.security.Allowed} and the others) and secret handling. It imports
 * no feature: the access feature establishes the caller and enforces the rules.
 */
package edu.ucla.dgsom.escrow.security;
