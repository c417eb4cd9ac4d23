package edu.ucla.dgsom.escrow.imports.control;

import static edu.ucla.dgsom.escrow.imports.control.Fixtures.SHARED_MAILBOX;
import static edu.ucla.dgsom.escrow.imports.control.Fixtures.assertTheSharedMailbox;
import static edu.ucla.dgsom.escrow.imports.control.Fixtures.assertTheUnicodeLogin;
import static edu.ucla.dgsom.escrow.imports.control.Fixtures.bytes;
import static edu.ucla.dgsom.escrow.imports.control.Fixtures.onePux;
import static edu.ucla.dgsom.escrow.imports.control.Fixtures.titled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.ucla.dgsom.escrow.imports.entity.CustomField;
import edu.ucla.dgsom.escrow.imports.entity.ImportFormat;
import edu.ucla.dgsom.escrow.imports.entity.ImportedEntry;
import edu.ucla.dgsom.escrow.imports.entity.ImportedTotp;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each vendor's export of the same logins, read into the same entries. No container. */
class ExportFormatsTest {

    private final ExportReader reader = new ExportReader();

    private List<ImportedEntry> read(ImportFormat format, byte[] file) {
        return reader.read(format, file, null);
    }

    @Test
    void a_lastpass_csv_is_read_with_its_secure_note_and_subfolder() {
        List<ImportedEntry> entries = read(ImportFormat.LASTPASS_CSV, bytes("lastpass.csv"));
        assertEquals(3, entries.size());
        ImportedEntry login = assertTheUnicodeLogin(entries, "Département de médecine/社交", true);
        assertTrue(login.favorite());
        assertEquals("line 2", login.position());
        assertTheSharedMailbox(entries, SHARED_MAILBOX, "Shared", true);
        ImportedEntry note = titled(entries, "Server room note");
        assertEquals(ImportedEntry.Kind.SECURE_NOTE, note.kind());
        assertNull(note.url(), "http://sn is LastPass's mark of a note, not a URL");
        assertEquals("NoteType:Server\nHostname:db.example.edu\nNotes:Rack 4", note.notes());
        assertEquals("line 6", note.position(), "the line a record starts on, past a multi-line note");
    }

    @Test
    void a_bitwarden_personal_csv_is_read_with_its_custom_fields_and_second_uri() {
        List<ImportedEntry> entries = read(ImportFormat.BITWARDEN_CSV, bytes("bitwarden.csv"));
        assertEquals(3, entries.size());
        ImportedEntry login = assertTheUnicodeLogin(entries, "Département de médecine/社交", true);
        assertTrue(login.favorite());
        assertEquals(List.of(new CustomField("URI", "https://sso.example.edu", false),
                new CustomField("Employee ID", "100200300", false),
                new CustomField("Recovery email", "it@dgsom.example", false)), login.fields());
        assertTheSharedMailbox(entries, SHARED_MAILBOX, "Shared", true);
        assertEquals(ImportedEntry.Kind.SECURE_NOTE, titled(entries, "Server room note").kind());
    }

    @Test
    void a_bitwarden_organization_csv_takes_the_collection_as_the_folder() {
        List<ImportedEntry> entries = read(ImportFormat.BITWARDEN_CSV, bytes("bitwarden-org.csv"));
        assertEquals(2, entries.size());
        assertTheUnicodeLogin(entries, "Département de médecine/社交", true);
        assertTheSharedMailbox(entries, SHARED_MAILBOX, "Shared", true);
    }

    @Test
    void a_bitwarden_personal_json_is_read_with_folders_hidden_fields_and_notes() {
        List<ImportedEntry> entries = read(ImportFormat.BITWARDEN_JSON, bytes("bitwarden.json"));
        assertEquals(3, entries.size());
        ImportedEntry login = assertTheUnicodeLogin(entries, "Département de médecine/社交", true);
        assertEquals("item 1", login.position());
        assertEquals(List.of(new CustomField("URI", "https://sso.example.edu", false),
                new CustomField("Employee ID", "100200300", false),
                new CustomField("Security answer", "Maïs bleu", true)), login.fields());
        assertTheSharedMailbox(entries, SHARED_MAILBOX, "Shared", true);
        ImportedEntry note = titled(entries, "Server room note");
        assertEquals(ImportedEntry.Kind.SECURE_NOTE, note.kind());
        assertNull(note.folder());
    }

    @Test
    void a_bitwarden_organization_json_takes_the_collection_as_the_folder() {
        List<ImportedEntry> entries = read(ImportFormat.BITWARDEN_JSON, bytes("bitwarden-org.json"));
        assertEquals(2, entries.size());
        assertTheUnicodeLogin(entries, "Département de médecine/社交", true);
        assertTheSharedMailbox(entries, SHARED_MAILBOX, "Shared", true);
    }

    @Test
    void a_keepassxc_csv_is_read_with_its_group_path() {
        List<ImportedEntry> entries = read(ImportFormat.KEEPASSXC_CSV, bytes("keepassxc.csv"));
        assertEquals(2, entries.size());
        assertTheUnicodeLogin(entries, "Département de médecine/社交", true);
        assertTheSharedMailbox(entries, SHARED_MAILBOX, "Shared", true);
    }

    @Test
    void a_keepass2_xml_is_read_without_history_or_recycle_bin() {
        List<ImportedEntry> entries = read(ImportFormat.KEEPASS2_XML, bytes("keepass2.xml"));
        assertEquals(2, entries.size(), "the history's entry and the recycle bin's are not read: " + entries);
        ImportedEntry login = assertTheUnicodeLogin(entries, "Département de médecine/社交", true);
        assertEquals(List.of(new CustomField("Security answer", "Maïs bleu", true)), login.fields());
        assertTrue(login.notes().endsWith("& an ampersand"));
        assertTheSharedMailbox(entries, SHARED_MAILBOX, "Shared", true);
    }

    @Test
    void a_onepassword_1pux_is_read_with_its_vault_as_the_folder() {
        List<ImportedEntry> entries = read(ImportFormat.ONEPASSWORD_1PUX, onePux());
        assertEquals(3, entries.size());
        ImportedEntry login = assertTheUnicodeLogin(entries, "Département de médecine — 社交", true);
        assertTrue(login.favorite());
        assertEquals(List.of(new CustomField("Security answer", "Maïs bleu", true)), login.fields());
        assertTheSharedMailbox(entries, SHARED_MAILBOX, "Département de médecine — 社交", true);
        assertEquals(ImportedEntry.Kind.SECURE_NOTE, titled(entries, "Server room note").kind());
    }

    @Test
    void a_onepassword_csv_is_read_with_its_tags_as_the_folder() {
        List<ImportedEntry> entries = read(ImportFormat.ONEPASSWORD_CSV, bytes("onepassword.csv"));
        assertEquals(2, entries.size());
        assertTrue(assertTheUnicodeLogin(entries, "Département de médecine/社交", true).favorite());
        assertTheSharedMailbox(entries, SHARED_MAILBOX, "Shared", true);
    }

    @Test
    void an_organization_item_in_several_collections_takes_the_first_as_its_folder() {
        byte[] file = ("collections,type,name,notes,fields,reprompt,login_uri,login_username,login_password,"
                + "login_totp\n\"Social,Marketing\",login,Twitter,,,0,twitter.com,me@example.com,pw,\n")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals("Social", read(ImportFormat.BITWARDEN_CSV, file).get(0).folder());
    }

    @Test
    void lastpass_none_group_is_no_folder() {
        byte[] file = "url,username,password,totp,extra,name,grouping,fav\nhttps://a.example,a,b,,,A,(none),0\n"
                .getBytes(StandardCharsets.UTF_8);
        assertNull(read(ImportFormat.LASTPASS_CSV, file).get(0).folder());
    }

    @Test
    void an_older_keepassxc_otp_string_gives_its_seed_and_the_root_group_is_no_folder() {
        byte[] file = ("<KeePassFile><Root><Group><Name>Passwords</Name><Entry><String><Key>otp</Key>"
                + "<Value>key=JBSWY3DPEHPK3PXP&amp;step=30&amp;size=6</Value></String></Entry></Group></Root>"
                + "</KeePassFile>").getBytes(StandardCharsets.UTF_8);
        ImportedEntry entry = read(ImportFormat.KEEPASS2_XML, file).get(0);
        assertEquals(new ImportedTotp(ImportedTotp.Kind.SEED, Fixtures.SEED), entry.totp());
        assertNull(entry.folder());
    }

    @Test
    void a_chrome_csv_is_read_with_its_note_and_no_totp_or_folder() {
        List<ImportedEntry> entries = read(ImportFormat.CHROME_CSV, bytes("chrome.csv"));
        assertFalse(titled(entries, Fixtures.UNICODE_TITLE).notes().contains("\r"), "CRLF in a note becomes LF");
        assertEquals(2, entries.size());
        assertTheUnicodeLogin(entries, null, false);
        ImportedEntry mailbox = assertTheSharedMailbox(entries, "mail.example.edu", null, false);
        assertFalse(mailbox.favorite());
    }
}
