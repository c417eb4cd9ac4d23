package edu.ucla.dgsom.escrow.accounts.entity;

/**
 * Where an official account stands (policy sections I and II): registered and awaiting approval (REQUESTED), approved
 * with nothing escrowed yet (APPROVED), in use (ACTIVE: escrowed, approved or not), suspended by DGIT, or retired.
 * Only {@link AccountStanding}'s transitions move it.
 */
public enum AccountStatus {
    REQUESTED, APPROVED, ACTIVE, SUSPENDED, RETIRED;

    /** Whether a registration may name this status: requested, or in use before the service (DGIT). */
    public boolean registrable() {
        return this == REQUESTED || this == ACTIVE;
    }

    /** Whether an account in this status may be suspended: in use or on its way to it. */
    boolean suspendable() {
        return this == REQUESTED || this == APPROVED || this == ACTIVE;
    }
}
