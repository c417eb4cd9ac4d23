package edu.ucla.dgsom.escrow.web;

import static edu.ucla.dgsom.escrow.web.SharedJsonProvider.JSON;

import edu.ucla.dgsom.escrow.problems.Problem;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every JSON request body is read strictly before JSON-B sees it, since JSON-B (Yasson) is lenient: it reads a number
 * into a text field, an array as if it were an object, and the last of two equal keys. A body must be valid UTF-8,
 * with no key twice in an object and at most {@value #MAX_DEPTH} levels deep; a body for a record must be an object
 * whose every field has the JSON type of its Java type (text is a string, a number an integer in range, a list an
 * array, a record an object); a body read as a {@code JsonObject} (SCIM's) must be an object. Anything else is a
 * 400 {@code malformed-request} naming the field.
 */
@Provider
public class StrictJson implements ReaderInterceptor {

    static final int MAX_DEPTH = 32;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        if (type == null || !(type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"))) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
        if (body.length > 0) {
            JsonValue value = parse(body);
            if (context.getGenericType() instanceof Class<?> target && (target.isRecord()
                    || target == JsonObject.class)) {
                requireShape(value, target);
            }
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    /** Refuses a JSON value whose shape does not fit {@code type}, naming the first field that does not. */
    public static void requireShape(JsonValue value, Class<?> type) {
        // A field may be null (absent); the body as a whole may not.
        String field = value.getValueType() == JsonValue.ValueType.NULL ? "" : misfit(value, type, "");
        if (field != null) {
            String name = field.isEmpty() ? "request" : field;
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The request body does not have the expected "
                    + "JSON types: see " + name, List.of(new Problem.FieldError(name, field.isEmpty()
                            ? "must be a JSON object" : "has the wrong JSON type (text is a string, a count a whole "
                            + "number in range, a list an array, a group of fields an object)")));
        }
    }

    private static JsonValue parse(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The request body is not valid UTF-8",
                    List.of(new Problem.FieldError("request", "must be UTF-8")));
        }
        try {
            rejectDuplicatesAndDepth(text);
            try (JsonReader reader = JSON.createReader(new StringReader(text))) {
                return reader.readValue();
            }
        } catch (JsonException e) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The request body is not valid JSON",
                    List.of(new Problem.FieldError("request", "must be one JSON value")));
        }
    }

    private static void rejectDuplicatesAndDepth(String text) {
        Deque<Set<String>> objects = new ArrayDeque<>();
        int depth = 0;
        try (JsonParser parser = JSON.createParser(new StringReader(text))) {
            while (parser.hasNext()) {
                switch (parser.next()) {
                    case START_OBJECT, START_ARRAY -> {
                        if (++depth > MAX_DEPTH) {
                            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The request body is nested "
                                    + "deeper than " + MAX_DEPTH + " levels", List.of(new Problem.FieldError(
                                            "request", "at most " + MAX_DEPTH + " levels deep")));
                        }
                        objects.push(new HashSet<>());
                    }
                    case END_OBJECT, END_ARRAY -> {
                        depth--;
                        objects.pop();
                    }
                    case KEY_NAME -> {
                        String key = parser.getString();
                        if (!objects.peek().add(key)) {
                            String field = key.matches("[A-Za-z0-9_]{1,64}") ? key : "request";
                            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The request body names "
                                    + "a field twice: " + field, List.of(new Problem.FieldError(field,
                                            "given more than once")));
                        }
                    }
                    default -> { }
                }
            }
        }
    }

    /** The path of the first value that does not fit its type ("" for the whole body), or null if all fit. */
    private static String misfit(JsonValue value, Type type, String at) {
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        Class<?> raw = raw(type);
        if (raw == String.class || raw.isEnum() || raw == java.time.Instant.class || raw == char[].class) {
            return value.getValueType() == JsonValue.ValueType.STRING ? null : at;
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return value == JsonValue.TRUE || value == JsonValue.FALSE ? null : at;
        }
        if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
            return value instanceof JsonNumber number && fits(number, raw == Long.class || raw == long.class)
                    ? null : at;
        }
        if (Collection.class.isAssignableFrom(raw)) {
            return value instanceof JsonArray array ? misfitElement(array, type, at) : at;
        }
        if (raw == JsonObject.class) {
            return value instanceof JsonObject ? null : at;
        }
        if (raw.isRecord()) {
            return value instanceof JsonObject object ? misfitComponent(object, raw, at) : at;
        }
        return null;
    }

    private static String misfitElement(JsonArray array, Type type, String at) {
        Type element = type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
        for (int i = 0; i < array.size(); i++) {
            String inner = misfit(array.get(i), element, at + "[" + i + "]");
            if (inner != null) {
                return inner;
            }
        }
        return null;
    }

    private static String misfitComponent(JsonObject object, Class<?> record, String at) {
        for (RecordComponent component : record.getRecordComponents()) {
            JsonValue field = object.get(component.getName());
            String inner = field == null ? null : misfit(field, component.getGenericType(), at.isEmpty()
                    ? component.getName() : at + "." + component.getName());
            if (inner != null) {
                return inner;
            }
        }
        return null;
    }

    private static boolean fits(JsonNumber number, boolean isLong) {
        try {
            BigDecimal decimal = number.bigDecimalValue();
            if (decimal.precision() - decimal.scale() > 19) {
                return false;
            }
            long whole = decimal.longValueExact();
            return isLong || whole == (int) whole;
        } catch (ArithmeticException | NumberFormatException | UnsupportedOperationException e) {
            // Not a whole number, out of range, or an exponent beyond what the JSON-P implementation will expand.
            return false;
        }
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : Object.class;
    }
}
