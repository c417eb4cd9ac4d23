package edu.ucla.dgsom.escrow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A person who holds 1,000 accounts: the server is killed (kill -9) while their offboarding runs (before or after
 * their access ended), and the case still finishes after the restart, once, with every account held by two people; then the backup moderator, promoted on
 * all 1,000, is offboarded and the time of steps 1 to 4 is reported.
 */
@ExtendWith(LiveService.class)
class OffboardingScaleIT {

    private static final int ACCOUNTS = 1_000;

    @Test
    void aThousandAccountsSurviveAKillMidCaseAndAreHandedOverInSeconds() throws Exception {
        String department = People.createDepartment("SCALE-" + UUID.randomUUID().toString().substring(0, 4));
        People.Session owner = People.departmentOwner(department);
        String leaver = People.member(department).personId();
        String moderator = People.member(department).personId();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < ACCOUNTS; i++) {
                int n = i;
                work.add(pool.submit(() -> {
                    Api.Reply created = owner.api().post("/api/v1/accounts", Json.createObjectBuilder()
                            .add("platform", "FACEBOOK").add("handle", "scale-" + UUID.randomUUID())
                            .add("displayName", "Scale " + n).add("departmentId", department)
                            .add("contentOwnerId", leaver).add("backupModeratorId", moderator).build().toString());
                    assertEquals(201, created.status(), created::toString);
                    Api.Reply stored = owner.api().send("PUT", "/api/v1/accounts/" + created.json().getString("id")
                            + "/credentials", "{\"reason\":\"Escrow at registration\",\"password\":\"scale-password-"
                            + n + "\"}", "Content-Type", "application/json", "If-Match", "\"0\"");
                    assertEquals(201, stored.status(), stored::toString);
                }));
            }
            for (Future<?> task : work) {
                task.get();
            }
        } finally {
            pool.shutdownNow();
        }
        String heldByLeaver = "SELECT COUNT(*) FROM escrow.official_account WHERE content_owner_id = '" + leaver
                + "' OR backup_moderator_id = '" + leaver + "'";
        assertEquals(ACCOUNTS, TestDatabase.count(heldByLeaver));

        Api hr = Api.live().bearer(People.token("HR_INTEGRATION"));
        String key = UUID.randomUUID().toString();
        String body = "{\"employeeId\":\"" + OffboardingIT.employeeId(leaver) + "\"}";
        Thread request = new Thread(() -> {
            try {
                hr.post("/api/v1/offboardings", body, "Idempotency-Key", key);
            } catch (RuntimeException e) {
                // The server is killed under this request: its answer is lost, as HR's would be.
            }
        });
        request.start();
        Thread.sleep(400);
        LiveService.stack().killServer();
        request.join();
        LiveService.stack().startServer();
        // HR's system retries with the same key: it gets the case that was opened, or opens it now.
        Api.Reply retried = hr.post("/api/v1/offboardings", body, "Idempotency-Key", key);
        assertTrue(retried.status() == 200 || retried.status() == 202, retried::toString);
        String caseId = retried.json().getString("id");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (List.of("SCHEDULED", "ACCESS_ENDED").contains(hr.get("/api/v1/offboardings/" + caseId).json()
                .getString("state")) && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        JsonObject finished = hr.get("/api/v1/offboardings/" + caseId).json();
        assertEquals("IN_PROGRESS", finished.getString("state"));
        assertEquals(0, TestDatabase.count(heldByLeaver), "nothing is left with the leaver");
        assertEquals(0, TestDatabase.count("SELECT COUNT(*) FROM escrow.official_account WHERE department_id = '"
                + department + "' AND (content_owner_id IS NULL OR backup_moderator_id IS NULL"
                + " OR content_owner_id = backup_moderator_id)"), "every account has two holders");
        assertEquals(ACCOUNTS, TestDatabase.count("SELECT COUNT(*) FROM escrow.official_account WHERE department_id"
                + " = '" + department + "' AND content_owner_id = '" + moderator + "' AND backup_moderator_id = '"
                + owner.personId() + "' AND rotation_due_at IS NOT NULL"), "promoted, backed up, flagged");
        assertEquals(1, TestDatabase.count("SELECT COUNT(*) FROM escrow.offboarding_case WHERE person_id = '"
                + leaver + "'"));
        assertEquals(ACCOUNTS, TestDatabase.count("SELECT COUNT(*) FROM escrow.offboarding_item WHERE case_id = '"
                + caseId + "' AND kind = 'ROTATION_REQUIRED'"), "one set of items: nothing half-transferred");

        Instant started = Instant.now();
        Api.Reply second = hr.post("/api/v1/offboardings", "{\"employeeId\":\"" + OffboardingIT.employeeId(moderator)
                + "\"}");
        long millis = Duration.between(started, Instant.now()).toMillis();
        assertEquals(202, second.status(), second::toString);
        assertEquals("IN_PROGRESS", second.json().getString("state"));
        System.out.printf("Offboarding of a holder of %d accounts: steps 1-4 committed and answered in %d ms%n",
                ACCOUNTS, millis);
        assertEquals(0, TestDatabase.count("SELECT COUNT(*) FROM escrow.official_account WHERE content_owner_id = '"
                + moderator + "' OR backup_moderator_id = '" + moderator + "'"));
    }
}
