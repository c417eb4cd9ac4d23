package edu.ucla.dgsom.escrow.accounts.control;

import java.util.Objects;

/** An official account's id as a caller gave it: not yet known to exist, nor to be visible to the caller. */
public record AccountId(String value) {

    public AccountId {
        Objects.requireNonNull(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
