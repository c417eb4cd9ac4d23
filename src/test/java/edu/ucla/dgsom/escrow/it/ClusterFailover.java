package edu.ucla.dgsom.escrow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.ucla.dgsom.escrow.devstack.GaleraCluster;
import edu.ucla.dgsom.escrow.devstack.GaleraNode;
import edu.ucla.dgsom.escrow.devstack.LocalStack;
import edu.ucla.dgsom.escrow.devstack.PayaraMicroProcess;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cluster test ({@code mvn -Pcluster verify}, docs/operations.md): three Galera nodes, instance A on node 1 and
 * instance B on node 2, and clients that reveal, rotate and offboard through both while B is killed (SIGKILL) in the
 * middle of a key rotation it started and brought back, then node 2 is killed and brought back by incremental state
 * transfer. A client meets a dead instance as a load balancer would let it: it tries the other one. Afterwards every
 * request a client saw succeed is in the audit chain, the chain verifies online and offline, each offboarding case
 * completed once, each mail went out once, every credential has one current version, the key rotation completed and
 * every value still opens; and no client ever saw a 500.
 */
@ExtendWith(LiveService.class)
class ClusterFailover {

    private static final int CLIENTS = 4;
    private static final int ACCOUNTS = 4;
    private static final int LEAVERS = 12;
    private static final int SCIM_LEAVERS = 6;
    private static final String SCIM = "application/scim+json";
    private static final int IMPORTED_LOGINS = 1_500;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    private final Succeeded successes = new Succeeded();
    private final List<String> events = new ArrayList<>();
    private final long started = System.nanoTime();
    private volatile URI instanceB;
    /**
     * Whether the load balancer sends to B: not from its kill until it is deployed again, since Payara Micro opens
     * its port before the application is deployed (a balancer waits for /health/ready). A node's death is not
     * announced: B answers 503 then, and its readiness says DOWN.
     */
    private volatile boolean bInService;

    /** Request ids of the writes and reveals clients saw succeed, by kind. */
    private static final class Succeeded {
        final ConcurrentLinkedQueue<String> reveals = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> rotations = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> deprovisions = new ConcurrentLinkedQueue<>();
        final AtomicInteger verifications = new AtomicInteger();
    }

    @Test
    void instances_and_nodes_killed_under_load_lose_nothing_and_answer_no_500() throws Exception {
        GaleraCluster cluster = LiveService.cluster();
        assertTrue(cluster != null, "run with -Pcluster");
        URI instanceA = LiveService.baseUri();
        int portB = LocalStack.freePort();
        PayaraMicroProcess b = startB(cluster, portB);
        instanceB = b.baseUri();
        bInService = true;
        event("instance B up on " + cluster.node(2).name());

        List<CredentialsIT.Fixture> fixtures = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            CredentialsIT.Fixture fixture = CredentialsIT.Fixture.create("CLUSTER" + i);
            assertEquals(201, CredentialsIT.rotate(fixture.owner().api(), fixture, 0, Json.createObjectBuilder()
                    .add("reason", "Escrow at registration").add("password", "cluster-" + UUID.randomUUID()))
                    .status());
            fixtures.add(fixture);
        }
        String leaverCode = "CLUSTER-LEAVE-" + UUID.randomUUID().toString().substring(0, 4).toUpperCase();
        String leaverDepartment = People.createDepartment(leaverCode);
        List<String> leavers = new ArrayList<>();
        for (int i = 0; i < LEAVERS; i++) {
            leavers.add(OffboardingIT.employeeId(People.member(leaverDepartment).personId()));
        }
        importLogins(leaverDepartment);
        String hrToken = People.token("HR_INTEGRATION");
        Map<String, String> scimLeavers = new ConcurrentHashMap<>();
        List<String> scimUsers = new ArrayList<>();
        for (int i = 0; i < SCIM_LEAVERS; i++) {
            String employeeId = "ESCIM" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
            scimUsers.add(ScimIT.create(Api.live().bearer(hrToken).with("Accept", SCIM), leaverCode,
                    employeeId.toLowerCase() + "@example.edu", employeeId).getString("id"));
            scimLeavers.put(scimUsers.get(i), employeeId);
        }
        String auditorToken = People.token("AUDITOR");
        Reminded.awaitEmptyOutbox();
        int mailsBefore = LiveService.mail().getReceivedMessages().length;
        Instant loadStarted = Instant.now();
        event("seeded " + ACCOUNTS + " accounts, " + LEAVERS + " leavers, " + SCIM_LEAVERS + " SCIM users, "
                + IMPORTED_LOGINS + " imported logins");

        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger nextLeaver = new AtomicInteger();
        AtomicInteger nextScimLeaver = new AtomicInteger();
        Map<String, String> cases = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            CredentialsIT.Fixture own = fixtures.get(c % fixtures.size());
            int client = c;
            running.add(clients.submit(() -> {
                int version = 1;
                for (int n = 0; !stop.get(); n++) {
                    if (n % 10 == 9 && client == 0) {
                        version = rotate(own, version);
                    } else if (n % 25 == 24 && nextLeaver.get() < LEAVERS) {
                        int leaver = nextLeaver.getAndIncrement();
                        if (leaver < LEAVERS) {
                            offboard(hrToken, leavers.get(leaver), cases);
                        }
                    } else if (n % 25 == 12 && nextScimLeaver.get() < SCIM_LEAVERS) {
                        int leaver = nextScimLeaver.getAndIncrement();
                        if (leaver < SCIM_LEAVERS) {
                            deprovision(hrToken, scimUsers.get(leaver));
                        }
                    } else if (n % 100 == 50 && client == 1) {
                        verifyAudit(auditorToken);
                    } else {
                        reveal(fixtures.get(ThreadLocalRandom.current().nextInt(fixtures.size())));
                    }
                }
                return null;
            }));
        }

        Thread.sleep(5_000);
        Api.Reply rotation = People.admin().onInstance(instanceB).post("/api/v1/keys/rotations",
                "{\"reason\":\"Key rotation across a failover\"}");
        assertEquals(202, rotation.status(), rotation::toString);
        event("key rotation started on instance B");
        Thread.sleep(3_000);
        b.kill();
        bInService = false;
        event("instance B killed (SIGKILL)");
        Thread.sleep(10_000);
        b = startB(cluster, portB);
        bInService = true;
        event("instance B restarted");
        List<String> reminded = fixtures.subList(1, fixtures.size()).stream().map(CredentialsIT.Fixture::accountId)
                .toList();
        Reminded.dueIn(reminded, "-1 HOUR", 180);
        event("rotation of " + reminded.size() + " accounts made due: both instances remind");
        Thread.sleep(5_000);
        GaleraNode node2 = cluster.node(2);
        node2.kill();
        event(node2.name() + " killed (SIGKILL)");
        Thread.sleep(10_000);
        node2.restartAfterKill();
        node2.awaitSynced();
        event(node2.name() + " back and synced (IST)");
        Thread.sleep(10_000);
        stop.set(true);
        for (Future<?> client : running) {
            client.get(2, TimeUnit.MINUTES);
        }
        clients.shutdown();
        event("load stopped");

        JsonObject done = awaitRotation(rotation.header("Location"));
        event("key rotation " + done.getString("state"));
        awaitOffboardings(cases);
        awaitCompleted("employee_id IN (" + quoted(scimLeavers.values()) + ")");
        Reminded.awaitReminders(reminded, reminded.size());
        awaitSealed();
        Path report = report(loadStarted);

        assertEquals(0, count("500"), () -> "no 500 ever: " + outcomes + "; see " + report);
        assertEquals("COMPLETED", done.getString("state"), done::toString);
        assertEquals(0, TestDatabase.count("SELECT COUNT(*) FROM escrow.sealed_value v WHERE v.kek_version <"
                + " (SELECT MAX(version) FROM escrow.key_encryption_key)"), "every value re-wrapped");
        for (CredentialsIT.Fixture fixture : fixtures) {
            assertEquals(200, CredentialsIT.reveal(fixture.owner().api(), fixture, "After the failover").status());
            assertEquals(1, Api.admin().get(fixture.path("/versions")).parse().asJsonArray().stream()
                    .filter(v -> v.asJsonObject().getBoolean("current")).count(), "one current version");
        }
        assertAudited(successes.reveals, "CREDENTIAL_REVEAL");
        assertAudited(successes.rotations, "CREDENTIAL_ROTATE");
        assertEquals(cases.size(), TestDatabase.count("SELECT COUNT(*) FROM escrow.offboarding_case WHERE employee_id"
                + " IN (" + quoted(cases.keySet()) + ")"), "one case per leaver");
        assertEquals(cases.size(), TestDatabase.count("SELECT COUNT(*) FROM escrow.offboarding_case WHERE state ="
                + " 'COMPLETED' AND idempotency_key IN (" + quoted(cases.values()) + ")"), "each case completed");
        assertEquals(SCIM_LEAVERS, successes.deprovisions.size(), "every SCIM user deprovisioned");
        assertEquals(SCIM_LEAVERS, TestDatabase.count("SELECT COUNT(*) FROM escrow.offboarding_case WHERE state ="
                + " 'COMPLETED' AND employee_id IN (" + quoted(scimLeavers.values()) + ")"),
                "one case per deprovisioned SCIM user, completed");
        assertEquals(SCIM_LEAVERS, TestDatabase.count("SELECT COUNT(*) FROM escrow.offboarding_case WHERE employee_id"
                + " IN (" + quoted(scimLeavers.values()) + ")"), "and no second case");
        assertTrue(successes.verifications.get() > 0, "audit verifications ran under load");
        assertEquals(reminded.size(), Reminded.claims(reminded), "one reminder claim per due account");
        assertEquals(reminded.size(), TestDatabase.auditCount("action = 'POLICY_REMINDER' AND outcome = 'ALLOWED'"
                + " AND target_id IN (" + quoted(reminded) + ")"), "one audit entry per reminder");
        for (String account : reminded) {
            List<Reminded.Received> mails = Reminded.mailsAbout(Api.admin().get("/api/v1/accounts/" + account).json()
                    .getString("handle"));
            assertTrue(!mails.isEmpty() && mails.size() == Set.copyOf(mails).size(), "each reminder mail once: "
                    + mails);
        }
        long mailsSent = TestDatabase.count("SELECT COUNT(*) FROM escrow.mail_outbox WHERE created_at >= '"
                + loadStarted.toString().replace("T", " ").replace("Z", "") + "'");
        assertEquals(mailsSent, LiveService.mail().getReceivedMessages().length - mailsBefore, "each mail once");
        JsonObject online = Api.admin().post("/api/v1/audit/verifications", "").json();
        assertTrue(online.getBoolean("ok"), online::toString);
        Path dir = LiveService.testDir();
        AuditIT.Verifier offline = AuditIT.offlineVerify(AuditIT.downloadExport(dir.resolve("cluster-export.jsonl")),
                AuditIT.downloadPublicKey(dir.resolve("cluster-audit-key.pem")));
        assertEquals(0, offline.exit(), offline.output());
        b.close();
    }

    private PayaraMicroProcess startB(GaleraCluster cluster, int port) throws IOException {
        return LiveService.stack().startAnotherServer(port, Map.of("ESCROW_DB_PORT",
                Integer.toString(cluster.node(2).port())), LiveService.extraLog("payara-cluster-b"));
    }

    private void reveal(CredentialsIT.Fixture fixture) {
        String requestId = UUID.randomUUID().toString();
        Integer status = send(fixture.owner().api(), "POST", fixture.path("/reveal"), Json.createObjectBuilder()
                .add("reason", "Cluster load").build().toString(), requestId, null);
        if (status != null && status == 200) {
            successes.reveals.add(requestId);
        }
    }

    /** Rotates {@code fixture}'s credentials on top of {@code version}; returns the version now current. */
    private int rotate(CredentialsIT.Fixture fixture, int version) {
        String requestId = UUID.randomUUID().toString();
        Integer status = send(fixture.owner().api(), "PUT", fixture.path(""), Json.createObjectBuilder()
                .add("reason", "Cluster rotation").add("password", "cluster-" + UUID.randomUUID()).build()
                .toString(), requestId, "\"" + version + "\"");
        if (status != null && status == 201) {
            successes.rotations.add(requestId);
            return version + 1;
        }
        // A dropped commit may have landed: the account says which version is current.
        try {
            return (int) TestDatabase.count("SELECT credential_version FROM escrow.official_account WHERE id = '"
                    + fixture.accountId() + "'");
        } catch (java.sql.SQLException e) {
            return version;
        }
    }

    private void offboard(String hrToken, String employeeId, Map<String, String> cases) {
        String key = UUID.randomUUID().toString();
        String body = Json.createObjectBuilder().add("employeeId", employeeId).build().toString();
        // The same key each time: a retry whose first attempt landed finds its case.
        for (int attempt = 0; attempt < 20; attempt++) {
            Integer status = send(Api.live().bearer(hrToken), "POST", "/api/v1/offboardings", body,
                    UUID.randomUUID().toString(), null, "Idempotency-Key", key);
            if (status != null && (status == 202 || status == 200)) {
                cases.put(employeeId, key);
                return;
            }
            pause();
        }
        throw new AssertionError("offboarding of " + employeeId + " never accepted: " + outcomes);
    }

    /** Deactivates a SCIM user as an identity system does, and again after an error: deactivation is idempotent. */
    private void deprovision(String hrToken, String scimId) {
        String patch = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":"
                + "\"replace\",\"value\":{\"active\":false}}]}";
        for (int attempt = 0; attempt < 20; attempt++) {
            HttpResponse<String> answer = exchange(Api.live().bearer(hrToken), "PATCH", "/scim/v2/Users/" + scimId,
                    patch, UUID.randomUUID().toString(), null);
            if (answer != null && answer.statusCode() == 200) {
                successes.deprovisions.add(scimId);
                return;
            }
            pause();
        }
        throw new AssertionError("SCIM deprovisioning of " + scimId + " never accepted: " + outcomes);
    }

    /** Verifies the chain online while it grows on two nodes: a fork or a gap would fail it. */
    private void verifyAudit(String auditorToken) {
        HttpResponse<String> answer = exchange(Api.live().bearer(auditorToken), "POST", "/api/v1/audit/verifications",
                "", UUID.randomUUID().toString(), null);
        if (answer != null && answer.statusCode() == 200) {
            try (JsonReader reader = Json.createReader(new StringReader(answer.body()))) {
                JsonObject verdict = reader.readObject();
                assertTrue(verdict.getBoolean("ok"), verdict::toString);
            }
            successes.verifications.incrementAndGet();
        }
    }

    /**
     * Sends through instance A or B (at random), and on a connection error or a 503 tries the other one, as a load
     * balancer would; returns the final status, or null if no instance answered. Every answer is counted by kind.
     */
    private Integer send(Api api, String method, String path, String body, String requestId, String ifMatch,
            String... extraHeaders) {
        HttpResponse<String> answer = exchange(api, method, path, body, requestId, ifMatch, extraHeaders);
        return answer == null ? null : answer.statusCode();
    }

    /** As {@link #send}, with the final answer itself. */
    private HttpResponse<String> exchange(Api api, String method, String path, String body, String requestId,
            String ifMatch, String... extraHeaders) {
        boolean onB = ThreadLocalRandom.current().nextBoolean();
        for (int attempt = 0; attempt < 6; attempt++, onB = !onB) {
            URI base = onB && bInService ? instanceB : LiveService.baseUri();
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .header("Content-Type", "application/json").header("X-Request-Id", requestId);
            api.headers().forEach(request::header);
            if (ifMatch != null) {
                request.header("If-Match", ifMatch);
            }
            for (int h = 0; h + 1 < extraHeaders.length; h += 2) {
                request.header(extraHeaders[h], extraHeaders[h + 1]);
            }
            try {
                HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                tally(Integer.toString(answer.statusCode()));
                if (answer.statusCode() != 503) {
                    return answer;
                }
            } catch (IOException e) {
                tally("connection error");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            pause();
        }
        return null;
    }

    private void tally(String outcome) {
        outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
    }

    private int count(String outcome) {
        AtomicInteger n = outcomes.get(outcome);
        return n == null ? 0 : n.get();
    }

    /** A LastPass export of many logins into {@code department}, so that the key rotation outlasts the kill. */
    private static void importLogins(String department) {
        String contentOwner = People.createPerson(department, "cluster-co-" + UUID.randomUUID().toString()
                .substring(0, 8), "initial-password-1");
        String moderator = People.createPerson(department, "cluster-bm-" + UUID.randomUUID().toString()
                .substring(0, 8), "initial-password-1");
        LastPassImport.logins(People.admin(), department, IMPORTED_LOGINS, contentOwner, moderator);
    }

    private static JsonObject awaitRotation(String location) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        JsonObject rotation = null;
        while (Instant.now().isBefore(deadline)) {
            rotation = Api.admin().get(location).json();
            if (!"RUNNING".equals(rotation.getString("state"))) {
                return rotation;
            }
            Thread.sleep(500);
        }
        return rotation;
    }

    private static void awaitOffboardings(Map<String, String> cases) throws Exception {
        awaitCompleted("idempotency_key IN (" + quoted(cases.values()) + ")");
    }

    private static void awaitCompleted(String caseCondition) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (TestDatabase.count("SELECT COUNT(*) FROM escrow.offboarding_case WHERE state <> 'COMPLETED' AND "
                + caseCondition) > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
    }

    private static void awaitSealed() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (TestDatabase.count("SELECT COUNT(*) FROM escrow_audit.audit_pending") > 0
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
    }

    /** Every request id a client saw succeed has its one audit entry in the chain. */
    private static void assertAudited(java.util.Collection<String> requestIds, String action) throws Exception {
        List<String> ids = List.copyOf(requestIds);
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> part = ids.subList(from, Math.min(ids.size(), from + 500));
            assertEquals(part.size(), TestDatabase.count("SELECT COUNT(DISTINCT request_id) FROM"
                    + " escrow_audit.audit_event WHERE action = '" + action + "' AND outcome = 'ALLOWED' AND request_id"
                    + " IN (" + quoted(part) + ")"), action + ": every success is audited");
        }
    }

    private Path report(Instant loadStarted) throws IOException {
        StringBuilder report = new StringBuilder("Cluster failover test (" + LiveService.cluster().nodes().size()
                + " Galera nodes, instances A on node1 and B on node2, " + CLIENTS + " clients)\n\nEvents:\n");
        events.forEach(e -> report.append("  ").append(e).append('\n'));
        report.append("\nAnswers seen by clients, by kind:\n");
        new TreeMap<>(outcomes).forEach((kind, n) -> report.append("  ").append(kind).append(": ").append(n)
                .append('\n'));
        report.append("\nSucceeded: ").append(successes.reveals.size()).append(" reveals, ")
                .append(successes.rotations.size()).append(" rotations, ").append(successes.deprovisions.size())
                .append(" SCIM deprovisionings, ").append(successes.verifications.get())
                .append(" audit verifications (all ok)\n");
        report.append("Load from ").append(loadStarted).append('\n');
        Path file = Path.of(System.getProperty("escrow.project.dir"), "target", "cluster-report.txt");
        Files.writeString(file, report);
        System.out.println(report);
        return file;
    }

    private void event(String what) {
        events.add(String.format("%6.1f s  %s", (System.nanoTime() - started) / 1e9, what));
        System.out.println("CLUSTER " + events.get(events.size() - 1));
    }

    private static String quoted(java.util.Collection<String> values) {
        return values.isEmpty() ? "''" : values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(","));
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
