package edu.ucla.dgsom.escrow.offboarding.entity;

import java.util.Optional;
import java.util.function.UnaryOperator;

/** An account's two holders, and who holds it once one of them leaves (docs/offboarding.md). */
public record Holders(String contentOwner, String backupModerator) {

    /**
     * The holders after {@code leaver} goes: the named {@code successor} (valid, or null) takes the leaver's place
     * unless they already hold the other one; otherwise the backup moderator is promoted and a steward fills the
     * backup place. If the other holder is no longer active either, both places are filled anew.
     * {@code stewardOtherThan} names the department owner (else DGIT admin) who can step in other than the person
     * given (null: anyone), or null if nobody can. Empty when nobody can take the account over.
     */
    public Optional<Holders> after(String leaver, String successor, boolean otherHolderActive,
            UnaryOperator<String> stewardOtherThan) {
        if (!otherHolderActive) {
            String owner = successor != null ? successor : stewardOtherThan.apply(null);
            String moderator = owner == null ? null : stewardOtherThan.apply(owner);
            return moderator == null ? Optional.empty() : Optional.of(new Holders(owner, moderator));
        }
        String remaining = leaver.equals(contentOwner) ? backupModerator : contentOwner;
        if (successor != null && !successor.equals(remaining)) {
            return Optional.of(leaver.equals(contentOwner) ? new Holders(successor, remaining)
                    : new Holders(remaining, successor));
        }
        // The remaining holder becomes (or stays) content owner; a steward becomes backup moderator.
        return Optional.ofNullable(stewardOtherThan.apply(remaining)).map(steward -> new Holders(remaining, steward));
    }
}
