package edu.ucla.dgsom.escrow.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import edu.ucla.dgsom.escrow.it.Api;
import edu.ucla.dgsom.escrow.it.LastPassImport;
import edu.ucla.dgsom.escrow.it.People;
import edu.ucla.dgsom.escrow.it.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * A realistic installation, made through the API as DGIT would make it (departments, people, accounts, every
 * credential version sealed by the service), with its audit history appended to the audit queue in bulk, since a
 * hundred thousand requests would only measure the seeding. Two bulk holders for the offboarding rows hold 10,000 and
 * 1,000 imported accounts.
 */
final class BenchInstallation {

    static final int DEPARTMENTS = 30;
    static final int PEOPLE = 200;
    static final int ACCOUNTS = 500;
    static final int VERSIONS = 5;
    static final int AUDIT_ENTRIES = 100_000;
    static final int LARGE_HOLDING = 10_000;
    static final int SMALL_HOLDING = 1_000;
    /** Logins in an archive department: with the rest, 100,000 sealed values for the key rotation. */
    static final int ARCHIVED = 9_000;
    static final String LARGE_HOLDER = "BENCH-LEAVER-10K";
    static final String SMALL_HOLDER = "BENCH-LEAVER-1K";
    static final String SIGN_IN_PASSWORD = "bench-sign-in-password-1";
    private static final int CLIENTS = 8;
    private static final int IMPORT_FILE_ENTRIES = 1_000;
    private static final String[] PLATFORMS = {"FACEBOOK", "X", "INSTAGRAM", "LINKEDIN", "YOUTUBE"};

    final List<String> accountIds = new ArrayList<>();
    /** The DGIT admin person's session, taken once: {@code People.admin()} checks its session at every call. */
    private static Api admin;
    String signInUsername;
    Duration seeded;

    static BenchInstallation seed() throws Exception {
        long started = System.nanoTime();
        BenchInstallation installation = new BenchInstallation();
        admin = People.admin();
        String suffix = UUID.randomUUID().toString().substring(0, 4);
        List<String> departments = new ArrayList<>();
        for (int d = 0; d < DEPARTMENTS; d++) {
            departments.add(People.createDepartment(String.format("BENCH%02d-%s", d, suffix)));
        }
        List<String> people = parallel(PEOPLE, p -> () -> person(departments.get(p % DEPARTMENTS),
                String.format("BENCH-P-%03d", p)));
        installation.accountIds.addAll(parallel(ACCOUNTS, a -> () -> {
            int department = a % DEPARTMENTS;
            String owner = people.get(department + DEPARTMENTS * (a % 3));
            String moderator = people.get(department + DEPARTMENTS * (3 + a % 3));
            String id = account(departments.get(department), PLATFORMS[a % PLATFORMS.length], owner, moderator);
            for (int version = 0; version < VERSIONS; version++) {
                storeCredentials(id, version);
            }
            return id;
        }));
        installation.seedBulkHolders(suffix);
        installation.signInUsername = installation.signInPerson(departments.get(0));
        appendAuditHistory(people, installation.accountIds);
        installation.seeded = Duration.ofNanos(System.nanoTime() - started);
        return installation;
    }

    /**
     * The bulk: DGIT imports its old password manager's logins (LastPass CSV, four sealed fields an entry) into a
     * department whose owner and moderator hold them with the two leavers, and an archive of older logins, so that
     * the installation holds 100,000 sealed values.
     */
    private void seedBulkHolders(String suffix) throws Exception {
        String department = People.createDepartment("BENCH-BULK-" + suffix);
        String owner = person(department, "BENCH-BULK-OWNER");
        People.grant(owner, "DEPARTMENT_OWNER", department);
        String moderator = person(department, "BENCH-BULK-MODERATOR");
        importLogins(department, LARGE_HOLDING, person(department, LARGE_HOLDER), moderator);
        String smallDepartment = People.createDepartment("BENCH-BULK-1K-" + suffix);
        importLogins(smallDepartment, SMALL_HOLDING, person(smallDepartment, SMALL_HOLDER),
                person(smallDepartment, "BENCH-BULK-1K-MODERATOR"));
        String archive = People.createDepartment("BENCH-ARCHIVE-" + suffix);
        importLogins(archive, ARCHIVED, person(archive, "BENCH-ARCHIVE-OWNER"),
                person(archive, "BENCH-ARCHIVE-MODERATOR"));
    }

    /**
     * Imports {@code count} logins into {@code department}, held by the two people named, a thousand per upload as an
     * importer would bring them folder by folder.
     */
    private static void importLogins(String department, int count, String contentOwner, String moderator) {
        for (int from = 0; from < count; from += IMPORT_FILE_ENTRIES) {
            LastPassImport.logins(admin, department, Math.min(IMPORT_FILE_ENTRIES, count - from), contentOwner,
                    moderator);
        }
    }

    /** A person who signs in with a password only (no role that needs MFA), for the sign-in row. */
    private String signInPerson(String department) {
        String username = "bench-sign-in-" + UUID.randomUUID().toString().substring(0, 6);
        People.createPerson(department, username, "initial-password-1");
        People.Session first = People.signIn(username, "initial-password-1", null);
        Api.Reply changed = first.api().post("/api/v1/session/password", Json.createObjectBuilder()
                .add("currentPassword", "initial-password-1").add("newPassword", SIGN_IN_PASSWORD).build().toString());
        assertEquals(204, changed.status(), changed::toString);
        return username;
    }

    private static String person(String department, String employeeId) {
        Api.Reply created = Api.admin().post("/api/v1/people", Json.createObjectBuilder().add("employeeId", employeeId)
                .add("name", "Person " + employeeId).add("email", employeeId.toLowerCase() + "@bench.example.edu")
                .add("departmentId", department).build().toString());
        assertEquals(201, created.status(), created::toString);
        return created.json().getString("id");
    }

    private static String account(String department, String platform, String contentOwner, String moderator) {
        Api.Reply created = admin.post("/api/v1/accounts", Json.createObjectBuilder().add("platform", platform)
                .add("handle", "bench-" + UUID.randomUUID()).add("displayName", "Benchmark account")
                .add("departmentId", department).add("contentOwnerId", contentOwner)
                .add("backupModeratorId", moderator).build().toString());
        assertEquals(201, created.status(), created::toString);
        return created.json().getString("id");
    }

    /** Version {@code current + 1} with all eight fields, each sealed on its own by the service. */
    private static void storeCredentials(String accountId, int current) {
        String n = UUID.randomUUID().toString();
        JsonObjectBuilder change = Json.createObjectBuilder().add("reason", "Benchmark: rotating the password")
                .add("loginIdentifier", "social+" + n + "@example.edu").add("password", "pw-" + n)
                .add("totp", Json.createObjectBuilder().add("uri",
                        "otpauth://totp/DGSOM:bench?secret=JBSWY3DPEHPK3PXPJBSWY3DPGEZDGNBV&issuer=DGSOM"))
                .add("recoveryCodes", Json.createArrayBuilder().add("rc-1-" + n).add("rc-2-" + n))
                .add("recoveryEmail", "recovery-" + n.substring(0, 8) + "@example.org")
                .add("recoveryPhone", "+1 310 555 0199")
                .add("securityQuestions", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("question", "First pet?").add("answer", "answer-" + n)))
                .add("notes", "Benchmark notes " + n);
        Api.Reply stored = admin.send("PUT", "/api/v1/accounts/" + accountId + "/credentials",
                change.build().toString(), "Content-Type", "application/json", "If-Match", "\"" + current + "\"");
        assertEquals(201, stored.status(), stored::toString);
    }

    /**
     * The installation's history: reveals, rotations and sign-ins by its people, appended to the audit queue in
     * batches (the sealer chains them as it chains a request's entries).
     */
    private static void appendAuditHistory(List<String> people, List<String> accounts) throws SQLException {
        appendAuditEntries(AUDIT_ENTRIES, i -> new String[] {people.get(i % people.size()),
            i % 10 < 6 ? "CREDENTIAL_REVEAL" : i % 10 < 8 ? "CREDENTIAL_ROTATE" : "SIGN_IN",
            accounts.get(i % accounts.size())});
    }

    /** Appends {@code count} entries of (actor, action, account) to the audit queue. */
    static void appendAuditEntries(int count, IntFunction<String[]> entry) throws SQLException {
        int perStatement = 1_000;
        String row = "(UTC_TIMESTAMP(6), 'PERSON', ?, 'Benchmark person', NULL, ?, 'account', ?, NULL, 'ALLOWED',"
                + " 'Benchmark history', '10.0.0.1', NULL, NULL)";
        try (Connection connection = TestDatabase.connect(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO escrow_audit.audit_pending (occurred_at, actor_type, actor_id, actor_name, actor_roles,"
                        + " action, target_type, target_id, department_id, outcome, reason, client_address,"
                        + " request_id, details) VALUES " + String.join(",", Collections.nCopies(perStatement, row)))) {
            for (int from = 0; from < count; from += perStatement) {
                for (int i = 0; i < perStatement; i++) {
                    String[] fields = entry.apply(from + i);
                    insert.setString(3 * i + 1, fields[0]);
                    insert.setString(3 * i + 2, fields[1]);
                    insert.setString(3 * i + 3, fields[2]);
                }
                insert.executeUpdate();
            }
        }
    }

    /** Waits until the sealer has chained every queued entry; returns how long that took. */
    static Duration awaitSealed() throws Exception {
        long started = System.nanoTime();
        while (TestDatabase.count("SELECT COUNT(*) FROM escrow_audit.audit_pending") > 0) {
            Thread.sleep(200);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Runs {@code count} tasks on {@value #CLIENTS} clients; returns their results in order. */
    private static <T> List<T> parallel(int count, IntFunction<Callable<T>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<T>> work = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                work.add(pool.submit(task.apply(i)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> each : work) {
                results.add(each.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    Map<String, Object> description() {
        return Map.of("departments", DEPARTMENTS + 3, "people", PEOPLE, "accounts", ACCOUNTS + LARGE_HOLDING
                + SMALL_HOLDING + ARCHIVED, "credentialVersionsPerAccount", VERSIONS, "auditEntriesSeeded", AUDIT_ENTRIES);
    }
}
