package edu.ucla.dgsom.escrow.imports.control;

import static edu.ucla.dgsom.escrow.web.SharedJsonProvider.JSON;

import edu.ucla.dgsom.escrow.imports.entity.CustomField;
import edu.ucla.dgsom.escrow.imports.entity.ImportedEntry;
import edu.ucla.dgsom.escrow.imports.entity.ImportedTotp;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The entries read from an upload as the barrier seals them while the preview waits: a JSON array, so the file need not
 * be read (or its password asked) again at commit.
 */
final class ImportedEntries {

    private ImportedEntries() {
    }

    static byte[] encode(List<ImportedEntry> entries) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (ImportedEntry entry : entries) {
            JsonObjectBuilder object = JSON.createObjectBuilder().add("position", entry.position())
                    .add("kind", entry.kind().name()).add("favorite", entry.favorite());
            put(object, "title", entry.title());
            put(object, "url", entry.url());
            put(object, "username", entry.username());
            put(object, "password", entry.password());
            put(object, "notes", entry.notes());
            put(object, "folder", entry.folder());
            if (entry.totp() != null) {
                object.add("totp", JSON.createObjectBuilder().add("kind", entry.totp().kind().name())
                        .add("value", entry.totp().value()));
            }
            JsonArrayBuilder fields = JSON.createArrayBuilder();
            entry.fields().forEach(field -> fields.add(JSON.createObjectBuilder().add("name", nonNull(field.name()))
                    .add("value", nonNull(field.value())).add("hidden", field.hidden())));
            array.add(object.add("fields", fields));
        }
        return array.build().toString().getBytes(StandardCharsets.UTF_8);
    }

    static List<ImportedEntry> decode(byte[] sealed) {
        JsonArray array;
        try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(sealed))) {
            array = reader.readArray();
        }
        return array.getValuesAs(JsonObject.class).stream().map(ImportedEntries::entry).toList();
    }

    private static ImportedEntry entry(JsonObject o) {
        JsonObject totp = o.containsKey("totp") ? o.getJsonObject("totp") : null;
        List<CustomField> fields = o.getJsonArray("fields").getValuesAs(JsonObject.class).stream()
                .map(f -> new CustomField(f.getString("name"), f.getString("value"), f.getBoolean("hidden")))
                .toList();
        return new ImportedEntry(o.getString("position"), ImportedEntry.Kind.valueOf(o.getString("kind")),
                text(o, "title"), text(o, "url"), text(o, "username"), text(o, "password"),
                totp == null ? null : new ImportedTotp(ImportedTotp.Kind.valueOf(totp.getString("kind")),
                        totp.getString("value")), text(o, "notes"), text(o, "folder"), o.getBoolean("favorite"),
                fields);
    }

    /** A vendor's extra field as a line of notes. */
    static String line(CustomField field) {
        return (field.name() == null ? "field" : field.name()) + ": " + nonNull(field.value());
    }

    private static void put(JsonObjectBuilder object, String name, String value) {
        if (value != null) {
            object.add(name, value);
        }
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    private static String text(JsonObject o, String name) {
        JsonValue value = o.get(name);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : o.getString(name);
    }
}
