package edu.ucla.dgsom.escrow.devstack;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the build put the WAR and the server runtime, and where the project keeps its configuration and sample keys. */
public record StackLayout(Path war, Path runtimeDir, Path projectDir, Path localDir) {

    /** Reads the paths Maven passes as system properties (see pom.xml). */
    public static StackLayout fromSystemProperties() {
        StackLayout layout = new StackLayout(
                Path.of(required("escrow.war")),
                Path.of(required("escrow.runtime.dir")),
                Path.of(required("escrow.project.dir")),
                Path.of(required("escrow.local.dir")));
        for (Path needed : new Path[] {layout.war(), layout.payaraMicroJar(), layout.jdbcDriverJar()}) {
            if (!Files.isRegularFile(needed)) {
                throw new IllegalStateException(needed + " is missing: build with `mvn package` first");
            }
        }
        return layout;
    }

    public Path payaraMicroJar() {
        return runtimeDir.resolve("payara-micro.jar");
    }

    public Path jdbcDriverJar() {
        return runtimeDir.resolve("mariadb-java-client.jar");
    }

    public Path serverConfig() {
        return projectDir.resolve("server-config");
    }

    public Path sampleKeys() {
        return projectDir.resolve("keys-sample");
    }

    /** MariaDB's unpacked binaries: under .local/ for the run command, under target/ for the tests. */
    public Path mariaDbBinaries() {
        return localDir.resolve("mariadb-11.4");
    }

    private static String required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set: start through Maven (see README.md)");
        }
        return value;
    }
}
