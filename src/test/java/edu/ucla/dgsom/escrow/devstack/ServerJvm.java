package edu.ucla.dgsom.escrow.devstack;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JVM options Payara Micro runs with. The run command and the tests start many servers on two cores, so they
 * trade peak speed for start-up time; the benchmark measures what production runs (docs/operations.md, "Production
 * start"). Chosen by the system property {@code escrow.server.jvm}.
 */
public enum ServerJvm {

    /** C1 only and the serial collector: a server is up in seconds, and many fit on a small machine. */
    DEVELOPMENT(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss1m"), Map.of()),
    /**
     * The documented production options (docs/operations.md, "Production start"): both compilers, the parallel
     * collector and a fixed heap, and two malloc arenas, which keep the native memory of a few hundred threads small.
     */
    PRODUCTION(List.of("-Xms448m", "-Xmx448m", "-XX:+UseParallelGC", "-XX:ReservedCodeCacheSize=128m"),
            Map.of("MALLOC_ARENA_MAX", "2"));

    private final List<String> options;
    private final Map<String, String> environment;

    ServerJvm(List<String> options, Map<String, String> environment) {
        this.options = options;
        this.environment = environment;
    }

    public List<String> options() {
        return options;
    }

    /** Environment variables the JVM's native side reads. */
    public Map<String, String> environment() {
        return environment;
    }

    /** {@code -Descrow.server.jvm=production} for the benchmark; development otherwise. */
    public static ServerJvm configured() {
        return valueOf(System.getProperty("escrow.server.jvm", "development").toUpperCase(Locale.ROOT));
    }
}
