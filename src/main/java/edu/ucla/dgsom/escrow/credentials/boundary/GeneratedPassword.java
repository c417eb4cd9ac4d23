package edu.ucla.dgsom.escrow.credentials.boundary;

import edu.ucla.dgsom.escrow.credentials.control.CharacterClass;
import java.util.List;

/**
 * A freshly generated password, not stored anywhere: it is stored only when a credential is rotated to it.
 * {@code classes} are the character classes it was drawn from (each appears); {@code symbols} whether SYMBOLS is one.
 */
public record GeneratedPassword(String password, String platform, int length, List<CharacterClass> classes,
        boolean symbols) {

    /** Never prints the secret it carries, should anything log it. */
    @Override
    public String toString() {
        return "GeneratedPassword[redacted]";
    }
}
