package edu.ucla.dgsom.escrow.credentials.control;

import edu.ucla.dgsom.escrow.accounts.entity.Platform;
import edu.ucla.dgsom.escrow.problems.Problem;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.passay.CharacterRule;

/**
 * Strong passwords for a platform with Passay and a CSPRNG: drawn from the character classes asked for (every platform
 * known so far accepts all four), each of them at least once.
 */
@ApplicationScoped
public class PasswordGenerator {

    public static final int MIN_LENGTH = 16;
    public static final int DEFAULT_LENGTH = 20;

    /** What was generated and under which rules. */
    public record Generated(String password, int length, Set<CharacterClass> classes) {

        /** Never prints the secret it carries, should anything log it. */
        @Override
        public String toString() {
            return "Generated[redacted, length=" + length + ", classes=" + classes + "]";
        }
    }

    /** A password for {@code platform} of {@code requestedLength} (null: the default) from {@code classes}. */
    public Generated generate(Platform platform, Integer requestedLength, Set<CharacterClass> classes) {
        int length = requestedLength == null ? Math.min(DEFAULT_LENGTH, platform.maxPasswordLength()) : requestedLength;
        if (length < MIN_LENGTH || length > platform.maxPasswordLength()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The length must be between " + MIN_LENGTH
                    + " and " + platform.maxPasswordLength() + " for " + platform, List.of(new Problem.FieldError(
                    "length", "between " + MIN_LENGTH + " and " + platform.maxPasswordLength())));
        }
        if (classes.isEmpty()) {
            throw ProblemException.invalidField("classes", "at least one of "
                    + Arrays.toString(CharacterClass.values()));
        }
        List<CharacterRule> rules = classes.stream().sorted()
                .map(c -> new CharacterRule(c, 1)).toList();
        return new Generated(new org.passay.PasswordGenerator().generatePassword(length, rules), length,
                Collections.unmodifiableSet(EnumSet.copyOf(classes)));
    }
}
