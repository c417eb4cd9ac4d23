package edu.ucla.dgsom.escrow.access.control;

import java.time.Instant;

/** A department as other features see it. */
public record DepartmentDetails(String id, String code, String name, Instant createdAt) {
}
