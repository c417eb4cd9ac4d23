package edu.ucla.dgsom.escrow.accounts.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class InstitutionalContactsTest {

    private static final InstitutionalContacts SCHOOL = new InstitutionalContacts(List.of("ucla.edu",
            "mednet.ucla.edu"), List.of("+1310825", "+1310267"));

    @Test
    void an_email_on_an_institutional_domain_or_its_subdomains_is_institutional() {
        assertTrue(SCHOOL.institutionalEmail("social@ucla.edu"));
        assertTrue(SCHOOL.institutionalEmail("Social@MEDNET.UCLA.EDU"));
        assertTrue(SCHOOL.institutionalEmail("team@dgsom.ucla.edu"));
        assertFalse(SCHOOL.institutionalEmail("dgsom.social@gmail.com"));
        assertFalse(SCHOOL.institutionalEmail("someone@notucla.edu"), "a suffix is not a subdomain");
        assertFalse(SCHOOL.institutionalEmail("ucla.edu@gmail.com"));
        assertFalse(SCHOOL.institutionalEmail(null));
        assertFalse(SCHOOL.institutionalEmail("no at sign"));
    }

    @Test
    void a_phone_with_an_institutional_prefix_is_institutional_however_it_is_written() {
        assertTrue(SCHOOL.institutionalPhone("+1 (310) 825-1234"));
        assertTrue(SCHOOL.institutionalPhone("310.267.0000"), "ten digits read as North American");
        assertTrue(SCHOOL.institutionalPhone("1-310-825-0000"));
        assertFalse(SCHOOL.institutionalPhone("+1 (213) 555-0100"));
        assertFalse(SCHOOL.institutionalPhone("+44 20 7946 0000"));
        assertFalse(SCHOOL.institutionalPhone(null));
        assertFalse(SCHOOL.institutionalPhone("none"));
    }

    @Test
    void classifying_keeps_only_the_verdicts_and_the_digest_of_the_rules() {
        RecoveryFacts facts = SCHOOL.classify("social@ucla.edu", "+13105550100");
        assertEquals(new RecoveryFacts(true, false, SCHOOL.digest()), facts);
        assertEquals(new RecoveryFacts(false, false, SCHOOL.digest()), SCHOOL.classify(null, null));
    }

    @Test
    void equal_rules_have_equal_digests_and_a_changed_list_another() {
        InstitutionalContacts reordered = new InstitutionalContacts(List.of(" MEDNET.UCLA.EDU", "@ucla.edu"),
                List.of("+1 310 267", "+1310825"));
        assertEquals(SCHOOL.digest(), reordered.digest());
        assertEquals(64, SCHOOL.digest().length());
        assertNotEquals(SCHOOL.digest(), new InstitutionalContacts(List.of("ucla.edu"), List.of("+1310825",
                "+1310267")).digest());
    }
}
