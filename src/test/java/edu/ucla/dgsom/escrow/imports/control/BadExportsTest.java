package edu.ucla.dgsom.escrow.imports.control;

import static edu.ucla.dgsom.escrow.imports.control.Fixtures.PASSWORD;
import static edu.ucla.dgsom.escrow.imports.control.Fixtures.bytes;
import static edu.ucla.dgsom.escrow.imports.control.Fixtures.refused;
import static edu.ucla.dgsom.escrow.imports.control.Fixtures.zip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.ucla.dgsom.escrow.imports.entity.ImportFormat;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A file that cannot be read is refused whole with a 400 naming where and why, and never a value from it. */
class BadExportsTest {

    private final ExportReader reader = new ExportReader();

    private String refusedAs(ImportFormat format, String text) {
        return refused(() -> reader.read(format, text.getBytes(StandardCharsets.UTF_8), null));
    }

    /** A Chrome CSV whose line 2 is good and whose line 3 is {@code badRow}. */
    private String refusedAsChrome(String badRow) {
        return refusedAs(ImportFormat.CHROME_CSV, "name,url,username,password,note\nok,https://a.example,a,x,\n"
                + badRow);
    }

    @Test
    void a_csv_with_another_vendors_columns_is_refused_naming_what_it_lacks() {
        String said = refused(() -> reader.read(ImportFormat.LASTPASS_CSV, bytes("chrome.csv"), null));
        assertTrue(said.contains("line 1: the header is not a LastPass CSV header; it lacks extra, grouping,"
                + " fav"), said);
    }

    @Test
    void a_csv_row_with_a_field_too_many_is_refused_naming_its_line() {
        String said = refusedAsChrome("bad,https://b.example,b," + PASSWORD + ",note,extra\n");
        assertTrue(said.contains("line 3: has 6 fields where the header has 5"), said);
    }

    @Test
    void an_unterminated_quote_is_refused_naming_the_line_its_record_starts_on() {
        String said = refusedAsChrome("bad,https://b.example,b,\"" + PASSWORD + ",note\nmore\n");
        assertTrue(said.contains("line 3: a quoted value is not closed"), said);
    }

    @Test
    void text_after_a_closing_quote_is_refused() {
        String said = refusedAsChrome("bad,https://b.example,b,\"" + PASSWORD + "\"x,note\n");
        assertTrue(said.contains("line 3: a quoted value has text"), said);
    }

    @Test
    void a_file_over_10_mb_is_refused_before_it_is_read() {
        byte[] large = new byte[ExportReader.MAX_BYTES + 1];
        Arrays.fill(large, (byte) 'a');
        assertTrue(refused(() -> reader.detect(large)).contains("larger than the limit of 10485760 bytes"));
        assertTrue(refused(() -> reader.read(ImportFormat.CHROME_CSV, large, null)).contains("larger than"));
        assertEquals(10 * 1024 * 1024, ExportReader.MAX_BYTES);
    }

    @Test
    void an_empty_file_and_one_not_in_utf8_are_refused() {
        assertTrue(refused(() -> reader.detect(new byte[0])).contains("empty"));
        byte[] latin1 = "name,url,username,password\nCaf\u00e9,https://a.example,a,b\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(refused(() -> reader.detect(latin1)).contains("not UTF-8"));
    }

    @Test
    void malformed_json_is_refused_naming_line_and_column_only() {
        String said = refusedAs(ImportFormat.BITWARDEN_JSON, "{\n  \"items\": [ { \"name\": \"" + PASSWORD
                + "\" \"login\": {} } ]\n}");
        assertTrue(said.contains("line 2, column"), said);
        assertTrue(said.contains("not well-formed JSON"), said);
    }

    @Test
    void an_external_entity_is_refused_and_never_resolved() {
        String said = refused(() -> reader.read(ImportFormat.KEEPASS2_XML, bytes("xxe.xml"), null));
        assertTrue(said.contains("line 2, column"), said);
        assertTrue(said.contains("a DOCTYPE is not allowed"), said);
        assertTrue(refused(() -> reader.detect(bytes("xxe.xml"))).contains("DOCTYPE"));
    }

    @Test
    void entity_expansion_is_refused() {
        assertTrue(refused(() -> reader.read(ImportFormat.KEEPASS2_XML, bytes("billion-laughs.xml"), null))
                .contains("a DOCTYPE is not allowed"));
    }

    @Test
    void malformed_xml_and_another_xml_root_are_refused() {
        assertTrue(refusedAs(ImportFormat.KEEPASS2_XML, "<KeePassFile><Root></KeePassFile>")
                .contains("not well-formed XML"));
        assertTrue(refusedAs(ImportFormat.KEEPASS2_XML, "<passwords/>").contains("root element is not KeePassFile"));
    }

    @Test
    void a_kdbx_stream_value_in_the_xml_is_refused_rather_than_read_as_a_password() {
        String xml = "<KeePassFile><Root><Group><Name>Root</Name><Entry><String><Key>Password</Key>"
                + "<Value Protected=\"True\">c2VjcmV0</Value></String></Entry></Group></Root></KeePassFile>";
        assertTrue(refusedAs(ImportFormat.KEEPASS2_XML, xml).contains("entry 1: holds a value encrypted"));
    }

    @Test
    void a_zip_bomb_is_refused_once_export_data_inflates_past_the_cap() {
        byte[] bomb = zip(Map.of("export.data", new byte[OnePux.MAX_EXPORT_DATA + 1]));
        assertTrue(bomb.length < ExportReader.MAX_BYTES, "small on the wire: " + bomb.length);
        assertTrue(refused(() -> reader.read(ImportFormat.ONEPASSWORD_1PUX, bomb, null))
                .contains("export.data inflates to more than"));
    }

    @Test
    void a_zip_without_export_data_and_a_broken_zip_are_refused() {
        byte[] noData = zip(Map.of("export.attributes", "{}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(refused(() -> reader.detect(noData)).contains("has no export.data"));
        byte[] broken = Arrays.copyOf(Fixtures.onePux(), 40);
        assertTrue(refused(() -> reader.read(ImportFormat.ONEPASSWORD_1PUX, broken, null))
                .contains("not a readable ZIP"));
    }

    @Test
    void a_1pux_whose_export_data_is_not_json_is_refused() {
        byte[] notJson = zip(Map.of("export.data", ("{\"accounts\": [" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        assertTrue(refused(() -> reader.read(ImportFormat.ONEPASSWORD_1PUX, notJson, null))
                .contains("export.data is not well-formed JSON"));
    }
}
