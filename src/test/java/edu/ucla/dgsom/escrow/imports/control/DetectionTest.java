package edu.ucla.dgsom.escrow.imports.control;

import static edu.ucla.dgsom.escrow.imports.control.Fixtures.bytes;
import static edu.ucla.dgsom.escrow.imports.control.Fixtures.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.ucla.dgsom.escrow.imports.entity.ImportFormat;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The format of a file is told from its content alone (the encrypted export's detection is in its own test). */
class DetectionTest {

    private final ExportReader reader = new ExportReader();

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "lastpass.csv, LASTPASS_CSV",
        "bitwarden.csv, BITWARDEN_CSV",
        "bitwarden-org.csv, BITWARDEN_CSV",
        "bitwarden.json, BITWARDEN_JSON",
        "bitwarden-org.json, BITWARDEN_JSON",
        "keepassxc.csv, KEEPASSXC_CSV",
        "keepass2.xml, KEEPASS2_XML",
        "onepassword.csv, ONEPASSWORD_CSV",
        "chrome.csv, CHROME_CSV"})
    void each_fixture_is_detected_from_its_content(String fixture, ImportFormat format) {
        assertEquals(format, reader.detect(bytes(fixture)));
    }

    @Test
    void a_1pux_is_detected_by_its_export_data() {
        assertEquals(ImportFormat.ONEPASSWORD_1PUX, reader.detect(Fixtures.onePux()));
    }

    @Test
    void a_byte_order_mark_and_header_case_do_not_matter() {
        byte[] file = ("\uFEFFName,URL,Username,Password,Note\nx,https://a.example,a,b,\n")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(ImportFormat.CHROME_CSV, reader.detect(file));
        assertEquals(1, reader.read(file, null).size());
    }

    @Test
    void an_unknown_csv_or_json_is_refused() {
        assertTrue(refused(() -> reader.detect("a,b,c\n1,2,3\n".getBytes(StandardCharsets.UTF_8)))
                .contains("line 1: the header is not one of"));
        assertTrue(refused(() -> reader.detect("{\"accounts\": []}".getBytes(StandardCharsets.UTF_8)))
                .contains("not a Bitwarden export"));
    }
}
