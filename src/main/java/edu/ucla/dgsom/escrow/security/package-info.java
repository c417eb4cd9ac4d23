/**
 * Shared plumbing: who the caller is ({@link edu.ucla.dgsom.escrow.security.CallerAuthentication}) and whether the
 * endpoint lets them in ({@link edu.ucla.dgsom.escrow.security.AccessPolicy}), deny by default, for every request.
 */
package edu.ucla.dgsom.escrow.security;
