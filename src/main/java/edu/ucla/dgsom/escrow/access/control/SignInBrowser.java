package edu.ucla.dgsom.escrow.access.control;

/**
 * The browser a campus sign-in goes on in: the token of its flow cookie, its address and user agent for the session,
 * and the session token it holds now, if any (it ends when the new session opens).
 */
public record SignInBrowser(String flowToken, String address, String userAgent, String currentSession) {

    @Override
    public String toString() {
        return "SignInBrowser[" + address + ", tokens redacted]";
    }
}
