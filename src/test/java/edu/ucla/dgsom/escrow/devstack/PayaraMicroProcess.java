package edu.ucla.dgsom.escrow.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Payara Micro as a child JVM with the WAR at context root {@code /}, the MariaDB driver on the server classpath and
 * the JDBC pool made by {@code server-config/post-boot-commands.asadmin}, exactly as in production.
 */
public final class PayaraMicroProcess implements AutoCloseable {

    /** Answers only once the WAR is deployed and its schema migrated: Payara logs "ready" even after a failed deployment. */
    private static final Duration READY_GRACE = Duration.ofSeconds(45);
    private static final System.Logger LOG = System.getLogger(PayaraMicroProcess.class.getName());

    public static final String PROBE_PATH = "/api/v1/installation";

    private final Process process;
    private final URI baseUri;
    private final URI managementUri;
    private final Path log;
    private final long logStart;

    private PayaraMicroProcess(Process process, URI baseUri, URI managementUri, Path log, long logStart) {
        this.process = process;
        this.baseUri = baseUri;
        this.managementUri = managementUri;
        this.log = log;
        this.logStart = logStart;
    }

    /**
     * Starts the server.
     *
     * @param log where the server's output goes
     */
    public static PayaraMicroProcess start(StackLayout layout, int httpPort, Map<String, String> environment, Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ServerJvm jvm = ServerJvm.configured();
        command.addAll(jvm.options());
        command.addAll(List.of("-jar", layout.payaraMicroJar().toString(),
                "--deploy", layout.war().toString(),
                "--contextroot", "/",
                "--port", Integer.toString(httpPort),
                "--addLibs", layout.jdbcDriverJar().toString(),
                "--postbootcommandfile", layout.serverConfig().resolve("post-boot-commands.asadmin").toString(),
                "--prebootcommandfile", layout.serverConfig().resolve("pre-boot-commands.asadmin").toString(),
                "--nocluster"));
        // Whatever the server writes relative to its working directory lands beside its log, never in the checkout.
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).directory(log.getParent().toFile());
        builder.environment().putAll(jvm.environment());
        builder.environment().putAll(environment);
        // The management listener, where only monitoring reaches: the next port (8081 for the run), or any free one.
        int managementPort = LocalStack.isFree(httpPort + 1) ? httpPort + 1 : LocalStack.freePort();
        builder.environment().put("ESCROW_METRICS_ADDRESS", "127.0.0.1");
        builder.environment().put("ESCROW_METRICS_PORT", Integer.toString(managementPort));
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        PayaraMicroProcess server = new PayaraMicroProcess(builder.start(), URI.create("http://127.0.0.1:" + httpPort),
                URI.create("http://127.0.0.1:" + managementPort), log, logStart);
        // Also when this JVM is stopped while the server is still booting: never leave an orphaned server behind.
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "payara-micro-stop"));
        return server;
    }

    public URI baseUri() {
        return baseUri;
    }

    /** The management listener, which serves MicroProfile Metrics (docs/operations.md, "Metrics"). */
    public URI managementUri() {
        return managementUri;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits until the application answers its probe; fails with the server's own errors when the process dies,
     * the deployment fails or the time runs out.
     */
    public void awaitDeployment(Duration timeout) throws IOException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(baseUri.resolve(PROBE_PATH)).timeout(Duration.ofSeconds(10)).build();
        Instant deadline = Instant.now().plus(timeout);
        Instant readyDeadline = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("Payara Micro exited with status " + process.exitValue() + serverErrors());
            }
            // Read before probing, so a "ready" logged just after a refused probe is not taken for a failure.
            boolean serverWasReady = serverReady();
            int status;
            try {
                status = client.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException notListening) {
                status = -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while waiting for Payara Micro", e);
            }
            // The application may answer before Payara has finished starting it (health still DOWN): wait for both.
            if (status == 200 && serverReady()) {
                return;
            }
            if (serverWasReady && status > 0 && status != 200) {
                throw new IOException("The application answered " + status + " after the server came up: the WAR"
                        + " failed to deploy or to start" + serverErrors());
            }
            if (serverWasReady) {
                // No answer yet: a loaded machine may take a while for the first request after "ready".
                readyDeadline = readyDeadline != null ? readyDeadline : Instant.now().plus(READY_GRACE);
                if (Instant.now().isAfter(readyDeadline)) {
                    throw new IOException("The application did not answer within " + READY_GRACE.toSeconds()
                            + " s after the server came up: the WAR failed to deploy or to start" + serverErrors());
                }
            }
            sleep(Duration.ofMillis(300));
        }
        throw new IOException("The service did not answer " + PROBE_PATH + " within " + timeout.toSeconds() + " s"
                + serverErrors());
    }

    /** Payara logs this after deploying, whether the deployment worked or not. */
    private boolean serverReady() throws IOException {
        return thisBootsLog().stream().anyMatch(line -> line.contains("Payara Micro ") && line.contains(" ready in "));
    }

    /** The server's SEVERE lines and the lines after them, for a failure message. */
    public String serverErrors() throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        List<String> lines = thisBootsLog();
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("SEVERE") || lines.get(i).contains("Exception")) {
                lines.subList(i, Math.min(lines.size(), i + 6)).stream().filter(l -> !picked.contains(l)).forEach(picked::add);
            }
        }
        List<String> shown = picked.isEmpty() ? lines.subList(Math.max(0, lines.size() - 40), lines.size()) : picked;
        return Stream.concat(Stream.of(":", "--- server log " + log + " ---"), shown.stream().limit(120))
                .collect(Collectors.joining(System.lineSeparator()));
    }

    private List<String> thisBootsLog() throws IOException {
        byte[] all = Files.readAllBytes(log);
        String text = new String(all, (int) Math.min(logStart, all.length), (int) Math.max(0, all.length - logStart),
                StandardCharsets.UTF_8);
        return text.lines().toList();
    }

    /** Kills the server as a crash would (SIGKILL), for recovery tests. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        long started = System.nanoTime();
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        LOG.log(System.Logger.Level.INFO, "Payara Micro stopped in {0} ms", (System.nanoTime() - started) / 1_000_000);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
