package edu.ucla.dgsom.escrow.audit.control;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audit trail's flat JSON objects (strings, integers, null; no nesting), through JSON-P: an entry's details and
 * the lines of the export and the checkpoint file. Compact, in the order given. The offline verifier reads the same
 * lines with {@link FlatJsonReader}, which needs only the JDK.
 */
final class FlatJson {

    private static final JsonGeneratorFactory GENERATORS = Json.createGeneratorFactory(Map.of());
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    private FlatJson() {
    }

    /** Numbers are written as integers, everything else that is not null as its string. */
    static String write(Map<String, ?> fields) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = GENERATORS.createGenerator(out)) {
            json.writeStartObject();
            fields.forEach((key, value) -> {
                if (value == null) {
                    json.writeNull(key);
                } else if (value instanceof Number number) {
                    json.write(key, number.longValue());
                } else {
                    json.write(key, value.toString());
                }
            });
            json.writeEnd();
        }
        return out.toString();
    }

    /** Parses one flat object; values come back as strings (numbers as their text), null as null. */
    static Map<String, String> read(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        try (JsonParser json = PARSERS.createParser(new StringReader(line))) {
            if (json.next() != JsonParser.Event.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            for (JsonParser.Event event = json.next(); event != JsonParser.Event.END_OBJECT; event = json.next()) {
                String key = json.getString();
                fields.put(key, switch (json.next()) {
                    case VALUE_STRING, VALUE_NUMBER -> json.getString();
                    case VALUE_NULL -> null;
                    default -> throw new IllegalArgumentException("the value of " + key + " is not flat");
                });
            }
        }
        return fields;
    }
}
