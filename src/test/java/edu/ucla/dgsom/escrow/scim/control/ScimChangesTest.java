package edu.ucla.dgsom.escrow.scim.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import edu.ucla.dgsom.escrow.problems.ProblemException;
import org.junit.jupiter.api.Test;

class ScimChangesTest {

    private static ProblemException refused(String userName, String externalId, String name, String email) {
        return assertThrows(ProblemException.class,
                () -> new ScimChanges(userName, externalId, name, null, null, email, null, null));
    }

    @Test
    void values_longer_than_their_columns_are_refused_as_invalid_values() {
        String tenThousand = "x".repeat(10_000);
        assertEquals("userName", refused(tenThousand, null, null, null).errors().get(0).field());
        assertEquals("invalidValue", refused(null, tenThousand, null, null).errors().get(0).message());
        assertEquals("displayName", refused(null, null, "x".repeat(201), null).errors().get(0).field());
        assertEquals("name.givenName", assertThrows(ProblemException.class, () -> new ScimChanges(null, null, null,
                tenThousand, null, null, null, null)).errors().get(0).field());
    }

    @Test
    void an_email_must_look_like_an_address() {
        assertEquals("emails", refused(null, null, null, "not an address").errors().get(0).field());
        assertEquals("emails", refused(null, null, null, "a@b").errors().get(0).field());
        assertEquals("ada@example.edu", new ScimChanges(null, null, null, null, null, "ada@example.edu", null, null)
                .email());
    }

    @Test
    void the_full_name_is_the_formatted_name_else_given_and_family_name() {
        assertEquals("Ada King", new ScimChanges(null, null, "Ada King", "Ada", "Lovelace", null, null, null)
                .fullName());
        assertEquals("Ada Lovelace", new ScimChanges(null, null, null, "Ada", "Lovelace", null, null, null)
                .fullName());
        assertEquals(null, ScimChanges.NONE.fullName());
    }
}
