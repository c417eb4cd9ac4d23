package edu.ucla.dgsom.escrow.access.control;

/**
 * A sign-in attempt: the credentials (a TOTP code or a recovery code once MFA is enrolled), and what the client
 * brings: its device cookie and the token of a session it still holds, if any, its address and its User-Agent.
 */
public record SignInAttempt(String username, char[] password, String totpCode, String recoveryCode,
        String deviceToken, String address, String userAgent, String previousSession) {

    /** Never prints the secrets it carries, should anything log it. */
    @Override
    public String toString() {
        return "SignInAttempt[username=" + username + ", address=" + address + ", secrets redacted]";
    }
}
