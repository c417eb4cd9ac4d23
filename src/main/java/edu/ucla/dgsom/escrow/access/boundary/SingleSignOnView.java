package edu.ucla.dgsom.escrow.access.boundary;

/**
 * Campus sign-in as the sign-in page offers it: the provider's name, where a browser starts, and who may still sign in
 * with a password ({@code everyone}, or {@code break-glass}: only the configured DGIT admins).
 */
public record SingleSignOnView(String name, String start, String localSignIn) {
}
