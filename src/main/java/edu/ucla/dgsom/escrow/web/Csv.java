package edu.ucla.dgsom.escrow.web;

import java.util.List;
import java.util.stream.Collectors;

/**
 * CSV (RFC 4180) as the service writes it for spreadsheets: every non-empty cell quoted, and a cell that starts with
 * {@code =}, {@code +}, {@code -} or {@code @} prefixed with {@code '} so that a spreadsheet never runs it as a formula.
 */
public final class Csv {

    private Csv() {
    }

    /** One line of cells, ending in CRLF. */
    public static String row(List<String> values) {
        return values.stream().map(Csv::cell).collect(Collectors.joining(",")) + "\r\n";
    }

    /** One cell: empty for null, else quoted with inner quotes doubled and a leading formula character neutralised. */
    public static String cell(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return '"' + safe.replace("\"", "\"\"") + '"';
    }
}
