package edu.ucla.dgsom.escrow.audit.boundary;

import java.util.List;

/** Entries newest first; pass {@code nextBefore} as {@code before} for the next page (absent at the end). */
public record AuditPage(List<AuditEntryView> items, Long nextBefore) {
}
