package edu.ucla.dgsom.escrow.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark's rows and targets: printed as one table and written as JSON. */
final class BenchReport {

    /**
     * One measured path. {@code rate} is per second in {@code unit}; latencies in milliseconds (negative: not
     * measured); {@code ratio} to the row named {@code bound} (0: none).
     */
    record Row(String name, String clients, double rate, String unit, double p50Millis, double p99Millis,
            String bound, double ratio, long errors, String note) {
    }

    /** A goal from the issue, with what was measured against it. */
    record Target(String goal, String measured, boolean met) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<Target> targets = new ArrayList<>();

    Row add(String name, String clients, double rate, String unit, double p50Millis, double p99Millis, String bound,
            long errors, String note) {
        double ratio = bound == null ? 0 : rate / find(bound).rate();
        Row row = new Row(name, clients, rate, unit, p50Millis, p99Millis, bound, ratio, errors, note);
        rows.add(row);
        System.out.println("bench: " + line(row));
        return row;
    }

    Row add(String name, Wrk.Summary summary, int clients, String bound, String note) {
        return add(name, Integer.toString(clients), summary.perSecond(), "req/s", summary.p50Micros() / 1000.0,
                summary.p99Micros() / 1000.0, bound, summary.errors(), note);
    }

    Row find(String name) {
        return rows.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no row " + name));
    }

    void target(String goal, String measured, boolean met) {
        targets.add(new Target(goal, measured, met));
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%n%-46s %7s %12s %-10s %9s %9s %8s %7s  %s%n", "path", "clients", "rate", "unit",
                "p50 ms", "p99 ms", "x bound", "errors", "note"));
        rows.forEach(row -> out.append(line(row)).append('\n'));
        out.append(String.format("%n%-60s %-28s %s%n", "target", "measured", "met"));
        targets.forEach(t -> out.append(String.format("%-60s %-28s %s%n", t.goal(), t.measured(),
                t.met() ? "yes" : "NO")));
        return out.toString();
    }

    private static String line(Row row) {
        return String.format(Locale.ROOT, "%-46s %7s %12.1f %-10s %9s %9s %8s %7d  %s", row.name(), row.clients(),
                row.rate(), row.unit(), millis(row.p50Millis()), millis(row.p99Millis()),
                row.bound() == null ? "" : String.format(Locale.ROOT, "%.2f", row.ratio()), row.errors(),
                row.note() == null ? "" : row.note());
    }

    private static String millis(double value) {
        return value < 0 ? "" : String.format(Locale.ROOT, "%.1f", value);
    }

    void write(Path file, Map<String, Object> context) throws IOException {
        JsonArrayBuilder rowsJson = Json.createArrayBuilder();
        for (Row row : rows) {
            JsonObjectBuilder json = Json.createObjectBuilder().add("name", row.name()).add("clients", row.clients())
                    .add("rate", row.rate()).add("unit", row.unit()).add("errors", row.errors());
            if (row.p50Millis() >= 0) {
                json.add("p50Millis", row.p50Millis()).add("p99Millis", row.p99Millis());
            }
            if (row.bound() != null) {
                json.add("bound", row.bound()).add("ratio", row.ratio());
            }
            if (row.note() != null) {
                json.add("note", row.note());
            }
            rowsJson.add(json);
        }
        JsonArrayBuilder targetsJson = Json.createArrayBuilder();
        targets.forEach(t -> targetsJson.add(Json.createObjectBuilder().add("goal", t.goal())
                .add("measured", t.measured()).add("met", t.met())));
        JsonObjectBuilder contextJson = Json.createObjectBuilder();
        context.forEach((key, value) -> contextJson.add(key, value.toString()));
        Files.createDirectories(file.getParent());
        try (Writer out = Files.newBufferedWriter(file); JsonGenerator generator = Json.createGeneratorFactory(
                Map.of(JsonGenerator.PRETTY_PRINTING, true)).createGenerator(out)) {
            generator.write(Json.createObjectBuilder().add("context", contextJson).add("rows", rowsJson)
                    .add("targets", targetsJson).build());
        }
    }
}
