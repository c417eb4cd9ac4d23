package edu.ucla.dgsom.escrow.accounts.entity;

/**
 * Where an official account stands (policy sections I and II): requested and awaiting approval, active, suspended by
 * DGIT, or retired. The approval workflow and suspension rules will decide the transitions; for now DGIT sets them.
 */
public enum AccountStatus {
    REQUESTED, ACTIVE, SUSPENDED, RETIRED
}
