package edu.ucla.dgsom.escrow.accounts.control;

/** DGIT retired the account, in the transaction that retired it: nobody answers for it any more. */
public record AccountRetired(String accountId) {
}
