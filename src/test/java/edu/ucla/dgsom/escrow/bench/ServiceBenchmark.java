package edu.ucla.dgsom.escrow.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.ucla.dgsom.escrow.access.control.PasswordHasher;
import edu.ucla.dgsom.escrow.it.Api;
import edu.ucla.dgsom.escrow.it.LiveService;
import edu.ucla.dgsom.escrow.it.People;
import edu.ucla.dgsom.escrow.it.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The benchmark ({@code mvn -Pbench}, docs/performance.md): every hot path of a seeded installation under load from
 * {@code wrk}, each beside its bound, measured in one run on the production JVM settings, printed as one table and
 * written to {@code target/bench/results.json}. It asserts only that the load was served without errors: speed is
 * reported against the targets, never asserted.
 */
@ExtendWith(LiveService.class)
class ServiceBenchmark {

    /**
     * Load before anything is measured: on two busy cores, C2 needs minutes to compile the server's hot paths, and a
     * row measured before that measures the compiler (seen: reveals ran at half their later rate).
     */
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("escrow.bench.warm-up-seconds", 120));
    /** Load of the row's own kind just before it is measured. */
    private static final Duration SETTLE = Duration.ofSeconds(5);
    private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("escrow.bench.seconds", 20));
    private static final String REVEAL_REASON = "{\"reason\":\"Benchmark: DGIT admin retrieving credentials\"}";
    private static final int AUDIT_VERIFIED = 1_000_000;
    private static final String REVEAL_ROW = "audited reveal (POST .../credentials/reveal)";
    private static final String ROTATION_BOUND_ROW = "raw JDBC bound of a key rotation";

    private final Path dir = Path.of(System.getProperty("escrow.bench.dir"));
    private final BenchReport report = new BenchReport();
    private Wrk wrk;
    private BenchInstallation installation;
    private Map<String, String> admin;
    private double revealsAt16;

    @Test
    void measureEveryHotPath() throws Exception {
        Wrk.ensureInstalled();
        wrk = new Wrk(LiveService.baseUri(), dir.resolve("wrk"));
        installation = BenchInstallation.seed();
        BenchInstallation.awaitSealed();
        System.out.println("bench: installation seeded in " + installation.seeded.toSeconds() + " s");
        admin = People.admin().headers();
        warmUp();

        measureRevealAgainstItsBound();
        measureSignedInGet();
        measureSignIn();
        measureOffboarding(BenchInstallation.SMALL_HOLDER, BenchInstallation.SMALL_HOLDING);
        measureOffboarding(BenchInstallation.LARGE_HOLDER, BenchInstallation.LARGE_HOLDING);
        measureKeyRotationUnderReveals();
        measureAuditVerificationAndExport();
        long peakRssMib = peakRssMib();
        report.add("server peak RSS (VmHWM)", "", peakRssMib, "MiB", -1, -1, null, 0, "over the whole run");
        report.target("server RSS <= 768 MB under the whole benchmark", peakRssMib + " MiB", peakRssMib <= 768);

        Map<String, Object> context = new LinkedHashMap<>(installation.description());
        context.put("jvm", System.getProperty("escrow.server.jvm", "development"));
        context.put("cores", Runtime.getRuntime().availableProcessors());
        context.put("measuredSeconds", MEASURE.toSeconds());
        context.put("at", Instant.now());
        report.write(dir.resolve("results.json"), context);
        System.out.println(report.table());
        Files.writeString(dir.resolve("results.txt"), report.table());
    }

    /** Reveals, then signed-in and health GETs, so that the server's hot paths are compiled before any row. */
    private void warmUp() throws Exception {
        long started = System.nanoTime();
        wrk.run(revealLoad(), 16, WARM_UP.dividedBy(2));
        wrk.run(Wrk.Load.get("warm-up session", "/api/v1/session", Map.of("Cookie", admin.get("Cookie"))), 16,
                WARM_UP.dividedBy(4));
        wrk.run(Wrk.Load.get("warm-up health", "/health/live", Map.of()), 16, WARM_UP.dividedBy(4));
        System.out.println("bench: warmed up in " + (System.nanoTime() - started) / 1_000_000_000 + " s");
    }

    private void measureRevealAgainstItsBound() throws Exception {
        JdbcBound bound = new JdbcBound(TestDatabase::connect, installation.accountIds);
        bound.run(16, SETTLE);
        for (int threads : List.of(1, 16)) {
            JdbcBound.Measured measured = bound.run(threads, MEASURE);
            report.add(boundRow(threads), Integer.toString(threads), measured.perSecond(), "ops/s",
                    measured.p50Micros() / 1000.0, measured.p99Micros() / 1000.0, null, 0,
                    "lock account, read sealed values, queue audit entry, commit");
        }
        Wrk.Load reveal = revealLoad();
        wrk.run(reveal, 16, SETTLE);
        for (int clients : List.of(1, 16, 64)) {
            Wrk.Summary summary = wrk.run(reveal, clients, MEASURE);
            BenchReport.Row row = report.add(REVEAL_ROW, summary, clients, boundRow(Math.min(clients, 16)), null);
            if (clients == 64) {
                report.target("reveal at 64 clients without errors", summary.errors() + " errors",
                        summary.errors() == 0);
            } else {
                report.target("reveal >= 0.25x raw bound at " + clients + " client(s)",
                        String.format(Locale.ROOT, "%.2fx", row.ratio()), row.ratio() >= 0.25);
            }
            if (clients == 16) {
                report.target("reveal p99 < 25 ms at 16 clients", summary.p99Micros() / 1000.0 + " ms",
                        summary.p99Micros() < 25_000);
                revealsAt16 = row.rate();
            }
            assertEquals(0, summary.errors(), "reveals at " + clients + " clients: " + summary);
        }
    }

    private static String boundRow(int threads) {
        return "raw JDBC bound of a reveal, " + threads + (threads == 1 ? " thread" : " threads");
    }

    private Wrk.Load revealLoad() {
        Map<String, String> headers = new LinkedHashMap<>(admin);
        headers.put("Content-Type", "application/json");
        return new Wrk.Load(REVEAL_ROW, "POST", installation.accountIds.stream()
                .map(id -> "/api/v1/accounts/" + id + "/credentials/reveal").toList(), headers, REVEAL_REASON);
    }

    private void measureSignedInGet() throws Exception {
        Wrk.Load live = Wrk.Load.get("health live", "/health/live", Map.of());
        Wrk.Load session = Wrk.Load.get("signed-in GET", "/api/v1/session", Map.of("Cookie", admin.get("Cookie")));
        wrk.run(live, 16, SETTLE);
        Wrk.Summary liveSummary = wrk.run(live, 16, MEASURE);
        report.add("/health/live", liveSummary, 16, null, "no session, no database");
        wrk.run(session, 16, SETTLE);
        Wrk.Summary sessionSummary = wrk.run(session, 16, MEASURE);
        BenchReport.Row row = report.add("signed-in GET /api/v1/session", sessionSummary, 16, "/health/live",
                "session looked up in the database");
        report.target("signed-in GET >= 0.5x /health/live", String.format(Locale.ROOT, "%.2fx", row.ratio()), row.ratio() >= 0.5);
        assertEquals(0, liveSummary.errors() + sessionSummary.errors());
    }

    private void measureSignIn() throws Exception {
        PasswordHasher hasher = new PasswordHasher(19_456, 2, 1);
        char[] password = BenchInstallation.SIGN_IN_PASSWORD.toCharArray();
        for (int i = 0; i < 5; i++) {
            hasher.hash(password);
        }
        int hashes = 20;
        long started = System.nanoTime();
        for (int i = 0; i < hashes; i++) {
            hasher.hash(password);
        }
        double hashMillis = (System.nanoTime() - started) / 1e6 / hashes;
        report.add("Argon2id hash alone (19 MiB, t=2, p=1)", "1", 1000 / hashMillis, "hashes/s", hashMillis,
                -1, null, 0, "in the benchmark's JVM: the cost every sign-in pays");
        Wrk.Load signIn = new Wrk.Load("sign-in", "POST", List.of("/api/v1/session"),
                Map.of("Content-Type", "application/json"), Json.createObjectBuilder()
                        .add("username", installation.signInUsername)
                        .add("password", BenchInstallation.SIGN_IN_PASSWORD).build().toString());
        Wrk.Summary summary = wrk.run(signIn, 4, MEASURE);
        report.add("password sign-in (new session)", summary, 4, "Argon2id hash alone (19 MiB, t=2, p=1)",
                "includes one Argon2id verification");
        assertEquals(0, summary.errors(), summary::toString);
    }

    private void measureOffboarding(String employeeId, int holding) throws Exception {
        Api hr = Api.live().bearer(People.token("HR_INTEGRATION"));
        long started = System.nanoTime();
        Api.Reply accepted = hr.post("/api/v1/offboardings", "{\"employeeId\":\"" + employeeId + "\"}");
        double answeredMillis = (System.nanoTime() - started) / 1e6;
        assertEquals(202, accepted.status(), accepted::toString);
        String caseId = accepted.json().getString("id");
        while (List.of("SCHEDULED", "ACCESS_ENDED").contains(hr.get("/api/v1/offboardings/" + caseId).json()
                .getString("state"))) {
            Thread.sleep(20);
        }
        double committedMillis = (System.nanoTime() - started) / 1e6;
        long left = TestDatabase.count("SELECT COUNT(*) FROM escrow.official_account a JOIN escrow.person p"
                + " ON p.id IN (a.content_owner_id, a.backup_moderator_id) WHERE p.employee_id = '" + employeeId + "'");
        assertEquals(0, left, "nothing is left with " + employeeId);
        report.add("offboarding: holder of " + holding + " accounts", "1", holding / (committedMillis / 1000),
                "accounts/s", answeredMillis, committedMillis, null, 0,
                "p50 column: time to 202; p99 column: time to all steps committed");
        if (holding == BenchInstallation.LARGE_HOLDING) {
            report.target("offboarding 10,000 accounts: 202 < 1 s", Math.round(answeredMillis) + " ms",
                    answeredMillis < 1000);
            report.target("offboarding 10,000 accounts: committed < 10 s", Math.round(committedMillis) + " ms",
                    committedMillis < 10_000);
        }
    }

    private void measureKeyRotationUnderReveals() throws Exception {
        long values = TestDatabase.count("SELECT COUNT(*) FROM escrow.sealed_value");
        // 500: the service's batch size (escrow.keys.rotation.batch-size).
        JdbcBound.Measured bound = RotationBound.run(TestDatabase::connect, 500);
        report.add(ROTATION_BOUND_ROW, "1", bound.perSecond(), "values/s", bound.p50Micros() / 1000.0,
                bound.p99Micros() / 1000.0, null, 0, "alone, on a copy of the sealed values, no cryptography;"
                        + " p50/p99: one batch of 500");
        Wrk.Load reveal = revealLoad();
        Wrk.Load duringRotation = new Wrk.Load("reveal during key rotation", reveal.method(), reveal.paths(),
                reveal.headers(), reveal.body());
        Process load = wrk.start(duringRotation, 16, Duration.ofMinutes(10));
        Thread.sleep(3_000);
        Api.Reply started = People.admin().post("/api/v1/keys/rotations",
                "{\"reason\":\"Benchmark: rotating the key-encryption key under load\"}");
        assertEquals(202, started.status(), started::toString);
        String rotation = started.header("Location");
        JsonObject state;
        do {
            Thread.sleep(100);
            state = People.admin().get(rotation.substring(rotation.indexOf("/api/v1/"))).json();
        } while ("RUNNING".equals(state.getString("state")));
        Wrk.Summary during = wrk.stop(duringRotation, 16, load);
        assertEquals(0, state.getJsonNumber("remaining").longValue(), state::toString);
        double seconds = Duration.between(Instant.parse(state.getString("startedAt")),
                Instant.parse(state.getString("finishedAt"))).toNanos() / 1e9;
        double rate = state.getJsonNumber("rewrapped").longValue() / seconds;
        report.add("key rotation (re-wrap every data key)", "", rate, "values/s", -1, seconds * 1000,
                ROTATION_BOUND_ROW, 0,
                state.getJsonNumber("rewrapped").longValue() + " of " + values + " sealed values; p99 column: total ms");
        BenchReport.Row reveals = report.add("audited reveal during the rotation", during, 16, null,
                "3 s before the rotation, then until it completed");
        double share = reveals.rate() / revealsAt16;
        report.target("key rotation >= 10,000 values/s", Math.round(rate) + " values/s", rate >= 10_000);
        report.target("reveals keep >= 70% of their rate during rotation", Math.round(share * 100) + " %",
                share >= 0.7);
        assertEquals(0, during.errors(), during::toString);
    }

    private void measureAuditVerificationAndExport() throws Exception {
        long chained = TestDatabase.count("SELECT COUNT(*) FROM escrow_audit.audit_event");
        int missing = (int) Math.max(0, AUDIT_VERIFIED - chained);
        BenchInstallation.appendAuditEntries(missing, i -> new String[] {"bench-history", "CREDENTIAL_REVEAL",
            installation.accountIds.get(i % installation.accountIds.size())});
        Duration sealing = BenchInstallation.awaitSealed();
        report.add("audit sealing (chain + checkpoints)", "", missing / (sealing.toNanos() / 1e9), "entries/s", -1,
                sealing.toMillis(), null, 0, missing + " queued entries; p99 column: total ms");

        long started = System.nanoTime();
        Api.Reply verified = People.admin().post("/api/v1/audit/verifications", "");
        double verifySeconds = (System.nanoTime() - started) / 1e9;
        assertEquals(200, verified.status(), verified::toString);
        assertTrue(verified.json().getBoolean("ok"), verified::toString);
        long entries = verified.json().getJsonNumber("toSeq").longValue();
        double verifyRate = entries / verifySeconds;
        report.add("audit verification (online)", "1", verifyRate, "entries/s", -1, verifySeconds * 1000, null, 0,
                entries + " entries; p99 column: total ms");
        report.target("audit verification >= 200,000 entries/s", Math.round(verifyRate) + " entries/s",
                verifyRate >= 200_000);

        started = System.nanoTime();
        long lines = exportLines();
        double exportSeconds = (System.nanoTime() - started) / 1e9;
        double exportRate = lines / exportSeconds;
        report.add("audit export (JSON lines, streamed)", "1", exportRate, "lines/s", -1, exportSeconds * 1000, null,
                0, lines + " lines; p99 column: total ms");
        report.target("audit export at the order of 200,000 entries/s", Math.round(exportRate) + " lines/s",
                exportRate >= 100_000);
    }

    /** The whole export, read as it streams and counted, never held. */
    private long exportLines() throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(LiveService.baseUri().resolve("/api/v1/audit/export"))
                .timeout(Duration.ofMinutes(10));
        admin.forEach(request::header);
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            return lines.lines().count();
        }
    }

    private static long peakRssMib() throws Exception {
        long pid = LiveService.stack().server().pid();
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(line -> line.startsWith("VmHWM:")).findFirst()
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024).orElseThrow();
    }
}
