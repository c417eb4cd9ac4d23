package edu.ucla.dgsom.escrow.security;

/** What a signed-in person must do before anything else, as the API names it. */
public enum Restriction {
    PASSWORD_CHANGE_REQUIRED("password-change-required", "change your password"),
    MFA_ENROLMENT_REQUIRED("mfa-enrolment-required", "enrol MFA");

    private final String code;
    private final String task;

    Restriction(String code, String task) {
        this.code = code;
        this.task = task;
    }

    /** The name in session views and problem details. */
    public String code() {
        return code;
    }

    /** What the person is told to do first. */
    public String task() {
        return task;
    }
}
