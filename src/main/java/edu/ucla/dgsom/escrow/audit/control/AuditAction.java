package edu.ucla.dgsom.escrow.audit.control;

/** Every audited action, by a stable code that reports and exports rely on. Documented in docs/audit.md. */
public enum AuditAction {
    SIGN_IN,
    SIGN_OUT,
    SIGN_IN_LOCKED,
    PASSWORD_CHANGE,
    MFA_ENROLMENT_START,
    MFA_ENROLMENT_CONFIRM,
    TOKEN_CREATE,
    TOKEN_REVOKE,
    TOKEN_USE,
    DEPARTMENT_CREATE,
    PERSON_CREATE,
    ROLE_GRANT,
    ROLE_REVOKE,
    KEY_ROTATION_START,
    KEY_RETIRE,
    ACCOUNT_CREATE,
    ACCOUNT_UPDATE,
    ACCOUNT_REASSIGN,
    ACCOUNT_READ,
    CREDENTIAL_ROTATE,
    CREDENTIAL_REVEAL,
    CREDENTIAL_HISTORY,
    TOTP_CODE,
    REQUEST_DENIED,
    AUDIT_EXPORT,
    AUDIT_VERIFY
}
