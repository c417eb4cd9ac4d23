package edu.ucla.dgsom.escrow.offboarding.entity;

import java.util.Set;

/** Why a leaver may know an account's credentials, so that they must be rotated; the most telling reason wins. */
public enum Exposure {
    HELD("held by the leaver"),
    REVEALED("revealed by the leaver"),
    /** They set the secret, so they know it. */
    ROTATED("rotated by the leaver"),
    /** As DGIT admin or as the owner of the account's department. */
    REVEALABLE("revealable by the leaver");

    private final String reason;

    Exposure(String reason) {
        this.reason = reason;
    }

    /** The exposure of {@code accountId}, given the accounts the leaver held, revealed and rotated. */
    public static Exposure of(String accountId, Set<String> held, Set<String> revealed, Set<String> rotated) {
        return held.contains(accountId) ? HELD : revealed.contains(accountId) ? REVEALED
                : rotated.contains(accountId) ? ROTATED : REVEALABLE;
    }

    /** As the case's item and the audit trail say it. */
    public String reason() {
        return reason;
    }
}
