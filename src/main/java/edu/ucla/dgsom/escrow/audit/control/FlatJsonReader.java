package edu.ucla.dgsom.escrow.audit.control;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The offline verifier's reader of the export's flat JSON objects (strings, integers, null; no nesting). The server
 * writes and reads them with JSON-P ({@link FlatJson}); the verifier runs with nothing but the JDK on its class path
 * (docs/audit.md), so it reads them with this.
 */
final class FlatJsonReader {

    private FlatJsonReader() {
    }

    /** Parses one flat object; values come back as strings (numbers as their text), null as null. */
    static Map<String, String> read(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        int[] at = {skip(line, 0)};
        expect(line, at, '{');
        if (peek(line, at) == '}') {
            return fields;
        }
        while (true) {
            String key = string(line, at);
            expect(line, at, ':');
            char c = peek(line, at);
            String value;
            if (c == '"') {
                value = string(line, at);
            } else if (line.startsWith("null", at[0])) {
                at[0] += 4;
                value = null;
            } else {
                int start = at[0];
                while (at[0] < line.length() && "-0123456789".indexOf(line.charAt(at[0])) >= 0) {
                    at[0]++;
                }
                if (start == at[0]) {
                    throw new IllegalArgumentException("unexpected character at " + start);
                }
                value = line.substring(start, at[0]);
            }
            fields.put(key, value);
            char next = peek(line, at);
            at[0]++;
            if (next == '}') {
                return fields;
            }
            if (next != ',') {
                throw new IllegalArgumentException("expected , or } at " + (at[0] - 1));
            }
        }
    }

    private static String string(String line, int[] at) {
        expect(line, at, '"');
        StringBuilder value = new StringBuilder();
        while (true) {
            if (at[0] >= line.length()) {
                throw new IllegalArgumentException("unterminated string");
            }
            char c = line.charAt(at[0]++);
            if (c == '"') {
                return value.toString();
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            char escaped = line.charAt(at[0]++);
            switch (escaped) {
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'u' -> {
                    value.append((char) Integer.parseInt(line.substring(at[0], at[0] + 4), 16));
                    at[0] += 4;
                }
                default -> value.append(escaped);
            }
        }
    }

    private static void expect(String line, int[] at, char c) {
        at[0] = skip(line, at[0]);
        if (at[0] >= line.length() || line.charAt(at[0]) != c) {
            throw new IllegalArgumentException("expected " + c + " at " + at[0]);
        }
        at[0]++;
    }

    private static char peek(String line, int[] at) {
        at[0] = skip(line, at[0]);
        if (at[0] >= line.length()) {
            throw new IllegalArgumentException("unexpected end");
        }
        return line.charAt(at[0]);
    }

    private static int skip(String line, int at) {
        while (at < line.length() && Character.isWhitespace(line.charAt(at))) {
            at++;
        }
        return at;
    }
}
