package edu.ucla.dgsom.escrow.security;

import java.time.Instant;
import java.util.Set;

/**
 * A verified caller, as the access feature finds it from a session cookie or an API token.
 *
 * @param ownedDepartments the departments the caller holds DEPARTMENT_OWNER for
 * @param supervisedDepartments the departments a person holds SUPERVISOR for (never a token)
 * @param csrfHash the session's CSRF token digest; null for token callers, which send no cookie
 * @param restriction why a person may do nothing but fix their sign-in first, or null
 * @param mfaEnrolled whether a person has MFA enrolled; never for a token
 * @param departmentId a person's own department; null for a token
 * @param sessionExpiresAt when the session ends whatever its use; null for a token
 */
public record Identity(Caller.Kind kind, String id, String name, Set<Role> roles, Set<String> ownedDepartments,
        Set<String> supervisedDepartments, String sessionHash, String csrfHash, Restriction restriction,
        boolean mfaEnrolled, String departmentId, Instant sessionExpiresAt) {
}
