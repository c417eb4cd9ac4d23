package edu.ucla.dgsom.escrow.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import edu.ucla.dgsom.escrow.devstack.GaleraCluster;
import edu.ucla.dgsom.escrow.devstack.LocalStack;
import edu.ucla.dgsom.escrow.devstack.StackLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Boots the real service once per test run: a fresh MariaDB under {@code target/it} and the built WAR on a Payara
 * Micro child process with the real {@code server-config}, on free ports of 127.0.0.1. Every test class that uses
 * this extension shares it; JUnit closes it when the whole run ends.
 */
public final class LiveService implements BeforeAllCallback {

    /** The bootstrap API token (DGIT_ADMIN) and first admin's password of this run: random, never committed. */
    public static final String ADMIN_TOKEN = "esc_t_test_" + UUID.randomUUID() + UUID.randomUUID();
    public static final String ADMIN_PASSWORD = "first-" + UUID.randomUUID();

    /** Anonymous refusals are counted in windows this long in the tests (a minute in production). */
    public static final int ANONYMOUS_REFUSAL_WINDOW_SECONDS = 5;

    /** The console hides a revealed value, and clears the clipboard, this soon in the tests, so a test sees it. */
    public static final int REVEAL_SECONDS = 10;
    public static final int CLIPBOARD_SECONDS = 5;

    /** Sign-in locks last this long in the tests, so a test can see one lift. */
    public static final int LOCK_SECONDS = 4;

    /** Reminders each instance sends per tick (a second) in the tests. */
    public static final int REMINDERS_BATCH = 3;

    private static volatile Running running;
    /** The Galera cluster under the stack, with {@code -Descrow.it.cluster.nodes=3} (the cluster test); else null. */
    private static volatile GaleraCluster cluster;
    private static volatile GreenMail mail;

    /** The DGIT Web Product Manager's mailbox, told of every account request and decision (policy I). */
    public static final String WEB_PRODUCT_MANAGER = "webpm@dgit.test";
    private static volatile ServerSetup smtpSetup;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Running.class, key -> start(), Running.class);
    }

    public static URI baseUri() {
        return stack().server().baseUri();
    }

    public static URI managementUri() {
        return stack().server().managementUri();
    }

    /** The SMTP server the service under test sends its mail to (GreenMail, started with the stack). */
    public static GreenMail mail() {
        return mail;
    }

    /** A mail outage: the SMTP server is down until {@link #startMail()}. */
    public static void stopMail() {
        mail.stop();
    }

    /** The SMTP server is back, on the same port, with an empty mailbox. */
    public static void startMail() {
        GreenMail restarted = new GreenMail(smtpSetup);
        restarted.start();
        mail = restarted;
    }

    public static LocalStack stack() {
        if (running == null) {
            throw new IllegalStateException("Annotate the test class with @ExtendWith(LiveService.class)");
        }
        return running.stack;
    }

    public static GaleraCluster cluster() {
        return cluster;
    }

    public static Path serverLog() {
        return running.serverLog;
    }

    public static Path testDir() {
        return Path.of(System.getProperty("escrow.test.dir"));
    }

    /** A log file for another server of this run. */
    public static Path extraLog(String name) {
        return Path.of(System.getProperty("escrow.test.dir")).resolve(name + ".log");
    }

    private static Running start() {
        StackLayout layout = StackLayout.fromSystemProperties();
        Path testDir = Path.of(System.getProperty("escrow.test.dir"));
        Path dataDir = testDir.resolve("mariadb-data");
        Path serverLog = testDir.resolve("payara.log");
        try {
            Files.createDirectories(testDir);
            LocalStack.deleteRecursively(dataDir);
            Files.deleteIfExists(serverLog);
            Files.deleteIfExists(testDir.resolve("audit-checkpoints.jsonl"));
            long started = System.nanoTime();
            int smtpPort = LocalStack.freePort();
            smtpSetup = new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
            GreenMail smtp = new GreenMail(smtpSetup);
            smtp.start();
            mail = smtp;
            // Small, throttled rotation batches, so a test can kill the server while a rotation is half-way.
            Map<String, String> settings = new LinkedHashMap<>(Map.ofEntries(
                            Map.entry("ESCROW_KEYS_ROTATION_BATCH_SIZE", "200"),
                            Map.entry("ESCROW_KEYS_ROTATION_BATCH_PAUSE_MS", "40"),
                            Map.entry("ESCROW_BOOTSTRAP_TOKEN", ADMIN_TOKEN),
                            Map.entry("ESCROW_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD),
                            Map.entry("ESCROW_SIGN_IN_LOCK_DURATION", "PT" + LOCK_SECONDS + "S"),
                            // Requests come from 127.0.0.1: trusting it as a proxy lets a test speak for any client
                            // address with X-Forwarded-For (requests without it are unchanged).
                            Map.entry("ESCROW_HTTP_TRUSTED_PROXIES", "127.0.0.1"),
                            Map.entry("ESCROW_SIGN_IN_PURGE_EVERY", "PT2S"),
                            Map.entry("ESCROW_CONSOLE_REVEAL_SECONDS", Integer.toString(REVEAL_SECONDS)),
                            Map.entry("ESCROW_CONSOLE_CLIPBOARD_SECONDS", Integer.toString(CLIPBOARD_SECONDS)),
                            Map.entry("ESCROW_AUDIT_CHECKPOINT_FILE",
                                    testDir.resolve("audit-checkpoints.jsonl").toString()),
                            Map.entry("ESCROW_AUDIT_CHECKPOINT_EVERY_ENTRIES", "500"),
                            Map.entry("ESCROW_AUDIT_CHECKPOINT_EVERY", "PT2S"),
                            Map.entry("ESCROW_AUDIT_ANONYMOUS_REFUSALS_WINDOW",
                                    "PT" + ANONYMOUS_REFUSAL_WINDOW_SECONDS + "S"),
                            Map.entry("ESCROW_MAIL_HOST", "127.0.0.1"),
                            Map.entry("ESCROW_MAIL_PORT", Integer.toString(smtpPort)),
                            Map.entry("ESCROW_MAIL_FROM", "escrow@dgit.test"),
                            Map.entry("ESCROW_POLICY_WEB_PRODUCT_MANAGER", WEB_PRODUCT_MANAGER),
                            // Reminders every second, a few at a time, so two instances share them (RemindersOn...IT).
                            Map.entry("ESCROW_REMINDERS_EVERY", "PT1S"),
                            Map.entry("ESCROW_REMINDERS_BATCH", Integer.toString(REMINDERS_BATCH)),
                            Map.entry("ESCROW_ROTATION_PLATFORM_DAYS", "TIKTOK=90,X=120"),
                            // A department's first account gets its attestation within two seconds (AttestationIT).
                            Map.entry("ESCROW_ATTESTATION_OPEN_EVERY", "PT2S"),
                            // An upload past its hour is ended within a second (ImportsIT).
                            Map.entry("ESCROW_IMPORTS_SWEEP_EVERY", "PT1S")));
            settings.putAll(settingsFromSystemProperty());
            int clusterNodes = Integer.getInteger("escrow.it.cluster.nodes", 0);
            LocalStack stack;
            if (clusterNodes > 0) {
                cluster = GaleraCluster.start(testDir.resolve("galera"), clusterNodes);
                stack = LocalStack.startOn(layout, cluster, LocalStack.freePort(), serverLog, settings);
            } else {
                stack = LocalStack.start(layout, LocalStack.freePort(), LocalStack.freePort(), dataDir, serverLog,
                        settings);
            }
            System.out.printf("Service under test at %s, up in %d ms%n", stack.server().baseUri(),
                    (System.nanoTime() - started) / 1_000_000);
            running = new Running(stack, serverLog);
            return running;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the cluster started", e);
        }
    }

    /**
     * Settings that replace the tests' own, as {@code -Descrow.it.settings=NAME=value,NAME=value}: the benchmark runs
     * key rotation at its production pace, for one.
     */
    private static Map<String, String> settingsFromSystemProperty() {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String setting : System.getProperty("escrow.it.settings", "").split(",")) {
            if (!setting.isBlank()) {
                int equals = setting.indexOf('=');
                settings.put(setting.substring(0, equals).strip(), setting.substring(equals + 1).strip());
            }
        }
        return settings;
    }

    private record Running(LocalStack stack, Path serverLog) implements AutoCloseable {

        @Override
        public void close() {
            stack.close();
            mail.stop();
        }
    }
}
