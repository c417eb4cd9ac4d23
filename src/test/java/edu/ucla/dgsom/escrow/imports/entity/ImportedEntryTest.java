package edu.ucla.dgsom.escrow.imports.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The normalized entry and its TOTP, without a container. */
class ImportedEntryTest {

    @Test
    void an_otpauth_uri_is_kept_as_it_is_and_a_bare_seed_is_normalized() {
        String uri = "otpauth://totp/DGSOM:jdoe?secret=JBSWY3DPEHPK3PXP&issuer=DGSOM";
        assertEquals(new ImportedTotp(ImportedTotp.Kind.URI, uri), ImportedTotp.parse("  " + uri + "\n"));
        assertEquals(new ImportedTotp(ImportedTotp.Kind.SEED, "JBSWY3DPEHPK3PXP"),
                ImportedTotp.parse("jbsw y3dp-ehpk 3pxp=="));
        assertEquals(ImportedTotp.Kind.URI, ImportedTotp.parse("steam://ABCDEF").kind());
        assertNull(ImportedTotp.parse("  "));
        assertFalse(ImportedTotp.parse("not base32!").wellFormed());
    }

    @Test
    void blank_values_are_absent_and_an_entry_without_a_password_is_valid() {
        ImportedEntry entry = new ImportedEntry("line 2", ImportedEntry.Kind.LOGIN, " Title ", "", "  ", "", null,
                "", " ", false, null);
        assertEquals("Title", entry.title());
        assertNull(entry.url());
        assertNull(entry.username());
        assertFalse(entry.hasPassword());
        assertNull(entry.notes());
        assertNull(entry.folder());
        assertEquals(List.of(), entry.fields());
    }

    @Test
    void no_secret_shows_in_to_string() {
        ImportedEntry entry = new ImportedEntry("item 1", ImportedEntry.Kind.LOGIN, "Portal", "https://a.example",
                "jdoe", " s3cret-pässword ", ImportedTotp.parse("JBSWY3DPEHPK3PXP"), "PIN 4711",
                "Dept", true, List.of(new CustomField("Security answer", "Maïs bleu", true)));
        assertEquals(" s3cret-pässword ", entry.password(), "a password is kept exactly, spaces included");
        String shown = entry.toString() + entry.totp() + entry.fields();
        for (String secret : List.of("s3cret", "JBSWY3DPEHPK3PXP", "4711", "Maïs")) {
            assertFalse(shown.contains(secret), shown);
        }
        assertTrue(shown.contains("Portal") && shown.contains("jdoe"), shown);
    }
}
