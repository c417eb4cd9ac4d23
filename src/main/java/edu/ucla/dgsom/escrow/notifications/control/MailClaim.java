package edu.ucla.dgsom.escrow.notifications.control;

/** One instance's claim on one outbox message, for one attempt to send it. */
public record MailClaim(String mailId, String claimId) {
}
