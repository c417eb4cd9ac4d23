package edu.ucla.dgsom.escrow.access.boundary;

import edu.ucla.dgsom.escrow.access.control.AccessSettings;
import edu.ucla.dgsom.escrow.security.Restriction;
import java.time.Instant;
import java.util.List;

/**
 * The signed-in caller. For a session cookie, {@code csrfToken} is the session's CSRF token, at sign-in and on every
 * {@code GET /session} (derived from the session token, so a reloaded page recovers it): send it as X-CSRF-Token with
 * every change; {@code expiresAt} is when the session ends at the latest (it ends earlier when idle). An API token gets
 * neither. {@code restriction} says what must be done first (change the password, enrol MFA), or is absent.
 * {@code mfaEnrolled} says whether a person has an authenticator app; {@code secretDisplay} how long this installation
 * lets a client show a revealed secret and leave a copied one on the clipboard. {@code departments} are those the caller
 * owns (DEPARTMENT_OWNER), {@code supervisedDepartments} those whose account requests a person decides (SUPERVISOR);
 * {@code departmentId} is a person's own department (where they request accounts), absent for an API token.
 */
public record SessionView(String kind, String id, String name, String departmentId, List<String> roles, List<String> departments,
        List<String> supervisedDepartments, String restriction, String csrfToken, Instant expiresAt, Boolean mfaEnrolled,
        AccessSettings.SecretDisplay secretDisplay) {

    /** The answer to a sign-in, by password or through the campus provider: who, what first, and the CSRF token. */
    static SessionView signedIn(String personId, Restriction restriction, String csrfToken, Instant expiresAt) {
        return new SessionView("PERSON", personId, null, null, null, null, null, SessionResource.code(restriction),
                csrfToken, expiresAt, null, null);
    }

    /** Never prints the secret it carries, should anything log it. */
    @Override
    public String toString() {
        return "SessionView[kind=" + kind + ", id=" + id + ", roles=" + roles + ", restriction=" + restriction
                + ", csrfToken=" + (csrfToken == null ? "none" : "redacted") + "]";
    }
}
