package edu.ucla.dgsom.escrow.credentials.control;

/** Which credential versions an export opens: the current one, or every one an account has had. */
public enum VersionScope {
    CURRENT,
    ALL
}
