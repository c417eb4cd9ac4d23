package edu.ucla.dgsom.escrow.security;

import jakarta.enterprise.context.RequestScoped;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who is calling, as the access feature establishes it for this request: a signed-in person, a system's API token, or
 * nobody. Authorization decisions in the control layer ask this bean.
 */
@RequestScoped
public class Caller {

    /** How the caller proved who they are. */
    public enum Kind { ANONYMOUS, PERSON, TOKEN }

    private Kind kind = Kind.ANONYMOUS;
    private String id;
    private String name;
    private Set<Role> roles = EnumSet.noneOf(Role.class);
    private Set<String> ownedDepartments = Set.of();
    private Set<String> supervisedDepartments = Set.of();
    private String sessionHash;
    private String csrfHash;
    private Restriction restriction;
    private boolean mfaEnrolled;
    private String departmentId;
    private Instant sessionExpiresAt;
    private String clientAddress;
    private String requestId;

    /** Who this request's caller is, once the access feature has verified their session cookie or API token. */
    public void establish(Identity found) {
        identify(found);
        this.sessionHash = found.sessionHash();
        this.csrfHash = found.csrfHash();
        this.restriction = found.restriction();
        this.mfaEnrolled = found.mfaEnrolled();
        this.sessionExpiresAt = found.sessionExpiresAt();
    }

    private void identify(Identity found) {
        this.kind = found.kind();
        this.id = found.id();
        this.name = found.name();
        this.roles = found.roles().isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(found.roles());
        this.ownedDepartments = Set.copyOf(found.ownedDepartments());
        this.supervisedDepartments = Set.copyOf(found.supervisedDepartments());
        this.departmentId = found.departmentId();
    }

    /** Where the request came from and its id, known before anyone is identified. */
    public void network(String clientAddress, String requestId) {
        this.clientAddress = clientAddress;
        this.requestId = requestId;
    }

    /** Whether {@code csrfToken} is this session's CSRF token. Only session (cookie) callers have one. */
    public boolean csrfMatches(String csrfToken) {
        return csrfToken != null && Secrets.sameDigest(csrfHash, Secrets.sha256Hex(csrfToken));
    }

    public boolean viaSession() {
        return sessionHash != null;
    }

    /**
     * Narrows this request's caller to who they are now, as read again for a decision taken under a row lock: roles,
     * departments and MFA lost since the request began are gone for the rest of it.
     */
    public void reaffirm(Identity current) {
        if (current.kind() != kind || !current.id().equals(id)) {
            throw new IllegalArgumentException("not this request's caller");
        }
        identify(current);
        this.mfaEnrolled = current.mfaEnrolled();
    }

    /** A signed-in person with MFA enrolled: the only kind of caller that may see a secret or hand out power. */
    public boolean isPersonWithMfa() {
        return kind == Kind.PERSON && mfaEnrolled;
    }

    public Kind kind() {
        return kind;
    }

    public boolean authenticated() {
        return kind != Kind.ANONYMOUS;
    }

    public boolean isPerson() {
        return kind == Kind.PERSON;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Set<Role> roles() {
        return roles;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** DGIT admins, auditors and HR's staff (who offboard anyone) see every department and its people. */
    public boolean seesEveryDepartment() {
        return has(Role.DGIT_ADMIN) || has(Role.AUDITOR) || has(Role.HR_STAFF);
    }

    /** Those who see every department see this one; department owners see their own; everyone else none. */
    public boolean canSeeDepartment(String departmentId) {
        return seesEveryDepartment() || ownsDepartment(departmentId);
    }

    public boolean ownsDepartment(String departmentId) {
        return has(Role.DEPARTMENT_OWNER) && ownedDepartments.contains(departmentId);
    }

    public Set<String> ownedDepartments() {
        return ownedDepartments;
    }

    /** Whether the caller is a supervisor of {@code departmentId}, who decides its account requests. */
    public boolean supervises(String departmentId) {
        return has(Role.SUPERVISOR) && supervisedDepartments.contains(departmentId);
    }

    public Set<String> supervisedDepartments() {
        return supervisedDepartments;
    }

    public String sessionHash() {
        return sessionHash;
    }

    /** When the session of this request ends whatever its use; null unless the caller came with a session cookie. */
    public Instant sessionExpiresAt() {
        return sessionExpiresAt;
    }

    /** A person's own department; null for a token or nobody. */
    public String departmentId() {
        return departmentId;
    }

    /** Signed in, but must first change the password or enrol MFA: nothing else is allowed until then. */
    public Restriction restriction() {
        return restriction;
    }

    public String clientAddress() {
        return clientAddress;
    }

    public String requestId() {
        return requestId;
    }

    /** How the audit trail names this caller. */
    public String auditName() {
        return switch (kind) {
            case ANONYMOUS -> "anonymous";
            case PERSON -> "person:" + id;
            case TOKEN -> "token:" + id;
        };
    }
}
