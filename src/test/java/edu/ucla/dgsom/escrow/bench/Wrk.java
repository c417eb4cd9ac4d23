package edu.ucla.dgsom.escrow.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Debian's {@code wrk}, the benchmark's load generator: one run of it with a generated Lua script that sends
 * {@code method} to each of {@code paths} in turn with the given headers and body, and writes its summary (requests,
 * errors by kind, latency percentiles) as JSON when it ends.
 */
final class Wrk {

    static final String INSTALL = "apt-get install -y wrk";
    private static final String WRK = "/usr/bin/wrk";

    private final URI base;
    private final Path workDir;

    Wrk(URI base, Path workDir) {
        this.base = base;
        this.workDir = workDir;
    }

    /** What to send: the same method, headers and body to each path in turn. */
    record Load(String name, String method, List<String> paths, Map<String, String> headers, String body) {

        static Load get(String name, String path, Map<String, String> headers) {
            return new Load(name, "GET", List.of(path), headers, null);
        }
    }

    /** One run's summary; latencies in microseconds. */
    record Summary(long requests, double seconds, long connectErrors, long readErrors, long writeErrors,
            long statusErrors, long timeouts, long p50Micros, long p99Micros, long maxMicros) {

        double perSecond() {
            return requests / seconds;
        }

        long errors() {
            return connectErrors + readErrors + writeErrors + statusErrors + timeouts;
        }
    }

    /** Installs wrk when missing and possible (as root, with apt); otherwise fails with the exact command. */
    static void ensureInstalled() throws IOException, InterruptedException {
        if (Files.isExecutable(Path.of(WRK))) {
            return;
        }
        if ("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            new ProcessBuilder("sh", "-c", "DEBIAN_FRONTEND=noninteractive " + INSTALL
                    + " || (apt-get update && DEBIAN_FRONTEND=noninteractive " + INSTALL + ")").inheritIO().start()
                    .waitFor();
        }
        if (!Files.isExecutable(Path.of(WRK))) {
            throw new IllegalStateException("The benchmark's load generator is Debian's wrk. Install it as root with: "
                    + INSTALL);
        }
    }

    /** Runs {@code load} with {@code connections} clients for {@code duration}. */
    Summary run(Load load, int connections, Duration duration) throws IOException, InterruptedException {
        Process wrk = start(load, connections, duration);
        if (!wrk.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
            wrk.destroyForcibly();
            throw new IOException("wrk did not end: " + load.name());
        }
        return summary(load, connections, wrk);
    }

    /** Starts {@code load} for at most {@code limit}; {@link #stop} ends it early and reads its summary. */
    Process start(Load load, int connections, Duration limit) throws IOException {
        Path script = workDir.resolve(fileName(load, connections) + ".lua");
        Files.createDirectories(workDir);
        Files.deleteIfExists(resultFile(load, connections));
        Files.writeString(script, script(load, resultFile(load, connections)));
        int threads = Math.min(connections, 2);
        return new ProcessBuilder(WRK, "-t" + threads, "-c" + connections, "-d" + limit.toSeconds() + "s",
                "--timeout", "10s", "-s", script.toString(), base.toString())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve(fileName(load, connections) + ".out").toFile()).start();
    }

    /** Ends a run started by {@link #start} as Ctrl-C would, so that wrk still reports. */
    Summary stop(Load load, int connections, Process wrk) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-INT", Long.toString(wrk.pid())).start().waitFor();
        if (!wrk.waitFor(30, TimeUnit.SECONDS)) {
            wrk.destroyForcibly();
            throw new IOException("wrk did not stop: " + load.name());
        }
        return summary(load, connections, wrk);
    }

    private Summary summary(Load load, int connections, Process wrk) throws IOException {
        Path result = resultFile(load, connections);
        if (wrk.exitValue() != 0 || !Files.exists(result)) {
            throw new IOException("wrk failed (" + wrk.exitValue() + ") on " + load.name() + ": "
                    + Files.readString(workDir.resolve(fileName(load, connections) + ".out")));
        }
        JsonObject json = Json.createReader(new StringReader(Files.readString(result))).readObject();
        return new Summary(json.getJsonNumber("requests").longValue(),
                json.getJsonNumber("durationMicros").longValue() / 1e6, json.getInt("connectErrors"),
                json.getInt("readErrors"), json.getInt("writeErrors"), json.getInt("statusErrors"),
                json.getInt("timeouts"), json.getJsonNumber("p50Micros").longValue(),
                json.getJsonNumber("p99Micros").longValue(), json.getJsonNumber("maxMicros").longValue());
    }

    private Path resultFile(Load load, int connections) {
        return workDir.resolve(fileName(load, connections) + ".json");
    }

    private static String fileName(Load load, int connections) {
        return load.name().replaceAll("[^A-Za-z0-9]+", "-") + "-c" + connections;
    }

    /**
     * The Lua script: long brackets quote every value, so nothing in a path, header or body needs escaping (and a
     * table index keeps a space inside its brackets, since {@code [[} would open a long string).
     */
    private static String script(Load load, Path result) {
        String paths = load.paths().stream().map(Wrk::quoted).collect(Collectors.joining(",\n"));
        String headers = load.headers().entrySet().stream()
                .map(h -> "wrk.headers[ " + quoted(h.getKey()) + " ] = " + quoted(h.getValue()))
                .collect(Collectors.joining("\n"));
        return """
                local paths = {
                %s
                }
                local next = 0
                wrk.method = %s
                %s
                %s
                request = function()
                  next = next %% #paths + 1
                  return wrk.format(nil, paths[next])
                end
                done = function(summary, latency, requests)
                  local out = io.open(%s, "w")
                  out:write(string.format('{"requests":%%d,"durationMicros":%%d,"connectErrors":%%d,'
                    .. '"readErrors":%%d,"writeErrors":%%d,"statusErrors":%%d,"timeouts":%%d,'
                    .. '"p50Micros":%%d,"p99Micros":%%d,"maxMicros":%%d}',
                    summary.requests, summary.duration, summary.errors.connect, summary.errors.read,
                    summary.errors.write, summary.errors.status, summary.errors.timeout,
                    latency:percentile(50), latency:percentile(99), latency.max))
                  out:close()
                end
                """.formatted(paths, quoted(load.method()), headers,
                load.body() == null ? "" : "wrk.body = " + quoted(load.body()), quoted(result.toString()));
    }

    private static String quoted(String value) {
        return "[==[" + value + "]==]";
    }
}
