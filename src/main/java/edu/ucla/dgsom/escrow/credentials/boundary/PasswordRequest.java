package edu.ucla.dgsom.escrow.credentials.boundary;

import edu.ucla.dgsom.escrow.accounts.entity.Platform;
import edu.ucla.dgsom.escrow.credentials.control.CharacterClass;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import jakarta.validation.constraints.NotNull;
import java.util.EnumSet;
import java.util.Set;

/**
 * For which platform; optionally a length (16 up to the platform's maximum) and the character classes to draw from
 * (default: all four, each at least once). {@code symbols: false}, the older way to ask, leaves SYMBOLS out of the
 * default; given with {@code classes}, it must agree with them.
 */
public record PasswordRequest(@NotNull Platform platform, Integer length, Set<CharacterClass> classes,
        Boolean symbols) {

    /** Unconstrained: Payara fails /openapi on constrained parameters (docs/architecture.md, "Request records"). */
    public PasswordRequest(Platform platform, Integer length, Set<CharacterClass> classes, Boolean symbols) {
        this.platform = platform;
        this.length = length;
        this.classes = classes;
        this.symbols = symbols;
    }

    /** The classes asked for, by {@code classes} or by {@code symbols}; a 400 naming symbols if the two disagree. */
    Set<CharacterClass> chosenClasses() {
        if (classes == null) {
            Set<CharacterClass> all = EnumSet.allOf(CharacterClass.class);
            if (Boolean.FALSE.equals(symbols)) {
                all.remove(CharacterClass.SYMBOLS);
            }
            return all;
        }
        if (symbols != null && symbols != classes.contains(CharacterClass.SYMBOLS)) {
            throw ProblemException.invalidField("symbols", "must agree with classes (or be left out)");
        }
        return classes.isEmpty() ? Set.of() : EnumSet.copyOf(classes);
    }
}
