package edu.ucla.dgsom.escrow.notifications.control;

/** One message to one recipient, as the outbox takes it; never a secret in it. */
public record Mail(String recipient, String subject, String body) {
}
