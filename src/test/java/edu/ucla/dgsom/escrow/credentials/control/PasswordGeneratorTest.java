package edu.ucla.dgsom.escrow.credentials.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.ucla.dgsom.escrow.accounts.entity.Platform;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

class PasswordGeneratorTest {

    private final PasswordGenerator generator = new PasswordGenerator();

    private static final IntPredicate SYMBOL = c -> !Character.isLetterOrDigit(c);

    @Test
    void every_class_chosen_appears_and_no_other() {
        for (int i = 0; i < 200; i++) {
            String password = generator.generate(Platform.X, 16, EnumSet.of(CharacterClass.DIGITS,
                    CharacterClass.SYMBOLS)).password();
            assertEquals(16, password.length());
            assertTrue(password.chars().anyMatch(Character::isDigit), password);
            assertTrue(password.chars().anyMatch(SYMBOL), password);
            assertTrue(password.chars().noneMatch(Character::isLetter), password);
            assertTrue(password.chars().noneMatch(c -> CharacterClass.LOOK_ALIKES.indexOf(c) >= 0), password);
            assertTrue(password.chars().allMatch(c -> c > ' ' && c < 127), "printable ASCII only: " + password);
        }
    }

    @Test
    void one_class_alone_is_enough() {
        String password = generator.generate(Platform.TIKTOK, 20, Set.of(CharacterClass.LOWERCASE)).password();
        assertTrue(password.chars().allMatch(Character::isLowerCase), password);
    }

    @Test
    void no_class_at_all_is_refused_naming_classes() {
        ProblemException refused = assertThrows(ProblemException.class,
                () -> generator.generate(Platform.X, null, Set.of()));
        assertEquals("classes", refused.errors().get(0).field());
    }
}
