package edu.ucla.dgsom.escrow.imports.control;

import static edu.ucla.dgsom.escrow.web.SharedJsonProvider.JSON;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.util.List;

/** Reading the JSON exports with JSON-P, tolerant of absent and null members, refusing what is not JSON. */
final class JsonFiles {

    private JsonFiles() {
    }

    /** The top-level object of {@code text}; malformed JSON is refused naming its line and column only. */
    static JsonObject object(String text, String what) {
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw ImportProblems.file(what + " is not a JSON object");
            }
            return value.asJsonObject();
        } catch (JsonParsingException e) {
            var at = e.getLocation();
            throw ImportProblems.at(at == null ? what : "line " + at.getLineNumber() + ", column "
                    + at.getColumnNumber(), what + " is not well-formed JSON");
        } catch (JsonException e) {
            throw ImportProblems.file(what + " is not well-formed JSON");
        }
    }

    /** The string member {@code key}, or null when it is absent, null or not a string. */
    static String string(JsonObject object, String key) {
        JsonValue value = object == null ? null : object.get(key);
        if (value instanceof JsonString string) {
            return string.getString();
        }
        if (value instanceof JsonNumber number) {
            return number.toString();
        }
        return null;
    }

    /** The object member {@code key}, or null. */
    static JsonObject object(JsonObject object, String key) {
        JsonValue value = object == null ? null : object.get(key);
        return value instanceof JsonObject member ? member : null;
    }

    /** The objects in the array member {@code key} (other elements skipped), or an empty list. */
    static List<JsonObject> objects(JsonObject object, String key) {
        JsonValue value = object == null ? null : object.get(key);
        if (!(value instanceof JsonArray array)) {
            return List.of();
        }
        return array.stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast).toList();
    }

    static List<String> strings(JsonObject object, String key) {
        JsonValue value = object == null ? null : object.get(key);
        if (!(value instanceof JsonArray array)) {
            return List.of();
        }
        return array.stream().filter(JsonString.class::isInstance).map(v -> ((JsonString) v).getString()).toList();
    }

    static boolean isTrue(JsonObject object, String key) {
        return object != null && object.get(key) == JsonValue.TRUE;
    }

    /** The integer member {@code key}, or {@code otherwise} when it is absent or not an integral number. */
    static Integer integer(JsonObject object, String key, Integer otherwise) {
        JsonValue value = object == null ? null : object.get(key);
        if (value instanceof JsonNumber number && number.isIntegral()) {
            try {
                return number.intValueExact();
            } catch (ArithmeticException e) {
                return otherwise;
            }
        }
        return otherwise;
    }
}
