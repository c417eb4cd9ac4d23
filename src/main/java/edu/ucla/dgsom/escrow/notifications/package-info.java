/** Notification mail through a transactional outbox with retries: a mail outage delays messages, loses none. */
package edu.ucla.dgsom.escrow.notifications;
