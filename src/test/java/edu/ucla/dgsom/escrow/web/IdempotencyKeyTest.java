package edu.ucla.dgsom.escrow.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdempotencyKeyTest {

    @Test
    void no_header_is_no_key_and_a_uuid_is_one() {
        assertEquals(Optional.empty(), IdempotencyKey.ofHeader(null));
        assertEquals("6f1c0c86-1d5e-4d6b-9f1e-2b7a9c1d2e3f",
                IdempotencyKey.ofHeader("6f1c0c86-1d5e-4d6b-9f1e-2b7a9c1d2e3f").orElseThrow().value());
        assertEquals(100, IdempotencyKey.ofHeader("k".repeat(100)).orElseThrow().value().length());
    }

    @Test
    void an_empty_long_spaced_or_non_ascii_key_is_a_validation_problem_naming_the_header() {
        for (String bad : new String[] {"", "k".repeat(101), "two words", "clé", "tab\there"}) {
            ProblemException refused = assertThrows(ProblemException.class, () -> IdempotencyKey.ofHeader(bad), bad);
            assertEquals(ProblemType.VALIDATION_FAILED, refused.type());
            assertEquals(IdempotencyKey.HEADER, refused.errors().get(0).field());
        }
    }
}
