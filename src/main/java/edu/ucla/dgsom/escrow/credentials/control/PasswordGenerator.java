package edu.ucla.dgsom.escrow.credentials.control;

import edu.ucla.dgsom.escrow.accounts.entity.Platform;
import edu.ucla.dgsom.escrow.problems.Problem;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.passay.CharacterData;
import org.passay.CharacterRule;
import org.passay.EnglishCharacterData;

/**
 * Strong passwords for a platform with Passay and a CSPRNG: at least one upper-case letter, lower-case letter and
 * digit, and a symbol unless asked not to, without characters that are easily confused when read out or typed
 * (0/O/o, 1/l/I, quotes and the like).
 */
@ApplicationScoped
public class PasswordGenerator {

    public static final int MIN_LENGTH = 16;
    public static final int DEFAULT_LENGTH = 20;
    static final String LOOK_ALIKES = "0Oo1lI|`'\"";

    /** What was generated and under which rules. */
    public record Generated(String password, int length, boolean symbols) {

        /** Never prints the secret it carries, should anything log it. */
        @Override
        public String toString() {
            return "Generated[redacted, length=" + length + ", symbols=" + symbols + "]";
        }
    }

    public Generated generate(Platform platform, Integer requestedLength, boolean symbols) {
        int length = requestedLength == null ? Math.min(DEFAULT_LENGTH, platform.maxPasswordLength()) : requestedLength;
        if (length < MIN_LENGTH || length > platform.maxPasswordLength()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The length must be between " + MIN_LENGTH
                    + " and " + platform.maxPasswordLength() + " for " + platform, List.of(new Problem.FieldError(
                    "length", "between " + MIN_LENGTH + " and " + platform.maxPasswordLength())));
        }
        List<CharacterRule> rules = new ArrayList<>(List.of(
                new CharacterRule(without(EnglishCharacterData.UpperCase), 1),
                new CharacterRule(without(EnglishCharacterData.LowerCase), 1),
                new CharacterRule(without(EnglishCharacterData.Digit), 1)));
        if (symbols) {
            rules.add(new CharacterRule(without(EnglishCharacterData.Special), 1));
        }
        return new Generated(new org.passay.PasswordGenerator().generatePassword(length, rules), length, symbols);
    }

    private static CharacterData without(EnglishCharacterData data) {
        StringBuilder kept = new StringBuilder();
        for (char c : data.getCharacters().toCharArray()) {
            if (LOOK_ALIKES.indexOf(c) < 0) {
                kept.append(c);
            }
        }
        return new CharacterData() {
            @Override
            public String getErrorCode() {
                return data.getErrorCode();
            }

            @Override
            public String getCharacters() {
                return kept.toString();
            }
        };
    }
}
