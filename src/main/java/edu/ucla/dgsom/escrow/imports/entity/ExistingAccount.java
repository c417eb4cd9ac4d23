package edu.ucla.dgsom.escrow.imports.entity;

/** An account the registry has already, as an import plan needs it: its id and department. */
public record ExistingAccount(String id, String departmentId) {
}
