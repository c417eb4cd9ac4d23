package edu.ucla.dgsom.escrow.notifications.control;

/**
 * What makes a reminder the same reminder: its topic (e.g. ROTATION), its subject (e.g. an account's id), the cycle
 * it belongs to (e.g. a due date; a new date is a new cycle) and its stage in the cycle (e.g. D14). Short fixed
 * strings, so the ledger never has to truncate one.
 */
public record ReminderKey(String topic, String subjectId, String cycle, String stage) {
}
