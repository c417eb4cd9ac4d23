package edu.ucla.dgsom.escrow.audit.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.io.StringReader;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The audit trail's JSON through JSON-P. Details are hashed as stored, so entries written by the hand-written encoder
 * this replaced still verify; new ones differ from its bytes only in the short escapes JSON allows.
 */
class FlatJsonTest {

    private static final List<String> TRICKY = List.of("plain", "say \"hi\"", "C:\\path\\", "a/b",
            "Zoë Ünïcødé 漢字", "emoji 🔐 pair", "line\u2028separator\u2029paragraph", "del\u007f",
            "nul\u0000one\u0001us\u001f", "tab\tnewline\nreturn\rbackspace\bformfeed\f", "");

    @Test
    void details_are_the_old_encoders_bytes_but_for_the_five_short_escapes() {
        for (String value : TRICKY) {
            String written = FlatJson.write(Map.of("k", value));
            String old = oldDetailsEncoding(Map.of("k", value));

            assertEquals(old.replace("\\u0009", "\\t").replace("\\u000a", "\\n").replace("\\u000d", "\\r")
                    .replace("\\u0008", "\\b").replace("\\u000c", "\\f"), written, value);
            assertEquals(Json.createReader(new StringReader(old)).readObject(),
                    Json.createReader(new StringReader(written)).readObject(), "the same object: " + value);
        }
    }

    @Test
    void a_line_reads_back_the_same_with_json_p_and_with_the_offline_verifiers_jdk_reader() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("seq", 42L);
        fields.put("nothing", null);
        for (int i = 0; i < TRICKY.size(); i++) {
            fields.put("v" + i + TRICKY.get(i), TRICKY.get(i));
        }
        Map<String, String> expected = new LinkedHashMap<>();
        fields.forEach((key, value) -> expected.put(key, value == null ? null : value.toString()));

        String line = FlatJson.write(fields);

        assertEquals(expected, FlatJson.read(line));
        assertEquals(expected, FlatJsonReader.read(line));
        assertTrue(line.startsWith("{\"seq\":42,\"nothing\":null,"), line);
    }

    @Test
    void an_entry_whose_details_the_old_encoder_wrote_still_verifies() throws Exception {
        AuditEntry entry = new AuditEntry(1, Instant.parse("2026-01-01T00:00:00Z"), "PERSON", "p-1", "someone", null,
                "SIGN_IN", null, null, null, "ALLOWED", null, "127.0.0.1", "r-1",
                oldDetailsEncoding(Map.of("refused", "line\nbreak \"quoted\"")));
        byte[] storedHash = AuditChain.hash(AuditChain.GENESIS, entry);
        ChainVerification verification = new ChainVerification(
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic(), "installation", 1,
                AuditChain.GENESIS, List.of(), List.of());

        assertTrue(verification.accept(entry, storedHash));
        assertTrue(verification.finish().ok());
    }

    /** The details encoder before JSON-P (AuditTrail.encode and quote), kept here to compare with. */
    private static String oldDetailsEncoding(Map<String, String> details) {
        StringBuilder json = new StringBuilder("{");
        new java.util.TreeMap<>(details).forEach((key, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(oldQuote(key)).append(':').append(oldQuote(value));
        });
        return json.append('}').toString();
    }

    private static String oldQuote(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> quoted.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return quoted.append('"').toString();
    }
}
