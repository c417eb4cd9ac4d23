package edu.ucla.dgsom.escrow.it;

import static edu.ucla.dgsom.escrow.it.CredentialsIT.assertField;
import static edu.ucla.dgsom.escrow.it.PlatformIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** HR's offboarding call: access ends at once, holdings pass on, credentials are flagged, mail goes out. */
@ExtendWith(LiveService.class)
class OffboardingIT {

    private final Api hr = Api.live().bearer(People.token("HR_INTEGRATION"));

    static String employeeId(String personId) {
        return Api.admin().get("/api/v1/people/" + personId).json().getString("employeeId");
    }

    static String store(CredentialsIT.Fixture fixture) {
        String password = TestSecrets.remember("offboard-" + UUID.randomUUID());
        Api.Reply stored = CredentialsIT.rotate(fixture.owner().api(), fixture, 0, Json.createObjectBuilder()
                .add("reason", "Escrow at registration").add("password", password));
        assertEquals(201, stored.status(), stored::toString);
        return password;
    }

    @Test
    void anHrTokenOffboardsAContentOwnerAndEverythingTheyHeldPassesOnAndIsRotated() throws Exception {
        CredentialsIT.Fixture first = CredentialsIT.Fixture.create("LEAVE");
        String leaver = first.contentOwner().personId();
        String moderator = first.moderator().personId();
        String owner = first.owner().personId();
        store(first);
        People.Session other = People.member(first.departmentId());
        Api.Reply second = first.owner().api().post("/api/v1/accounts", Json.createObjectBuilder()
                .add("platform", "X").add("handle", "@leave-" + UUID.randomUUID()).add("displayName", "Second")
                .add("departmentId", first.departmentId()).add("contentOwnerId", other.personId())
                .add("backupModeratorId", leaver).build().toString());
        assertEquals(201, second.status(), second::toString);
        String secondId = second.json().getString("id");
        assertEquals(201, first.owner().api().send("PUT", "/api/v1/accounts/" + secondId + "/credentials",
                "{\"reason\":\"Escrow at registration\",\"password\":\"" + TestSecrets.remember("second-"
                        + UUID.randomUUID()) + "\"}", "Content-Type", "application/json", "If-Match", "\"0\"")
                .status());
        int mailsBefore = LiveService.mail().getReceivedMessages().length;

        Instant asked = Instant.now();
        Api.Reply reply = hr.post("/api/v1/offboardings", Json.createObjectBuilder()
                .add("employeeId", employeeId(leaver)).add("hrReference", "HR-" + UUID.randomUUID()).build().toString());
        assertEquals(202, reply.status(), reply::toString);
        // Access has ended by the time HR has its answer (the time is reported, not asserted: see the scale test).
        System.out.printf("Offboarding of a holder of 2 accounts answered in %d ms%n",
                Duration.between(asked, Instant.now()).toMillis());
        JsonObject offboarding = reply.json();
        assertTrue(reply.header("Location").endsWith("/api/v1/offboardings/" + offboarding.getString("id")));
        assertEquals("IN_PROGRESS", offboarding.getString("state"));

        assertProblem(first.contentOwner().api().get("/api/v1/session"), 401, "unauthenticated");
        assertProblem(People.signInReply(Api.admin().get("/api/v1/people/" + leaver).json().getString("username"),
                "owner-password-22", null), 401, "invalid-credentials");
        assertEquals("OFFBOARDED", Api.admin().get("/api/v1/people/" + leaver).json().getString("status"));

        JsonObject firstAccount = Api.admin().get("/api/v1/accounts/" + first.accountId()).json();
        assertEquals(moderator, firstAccount.getString("contentOwnerId"), "the backup moderator is promoted");
        assertEquals(owner, firstAccount.getString("backupModeratorId"), "the department owner becomes backup");
        assertTrue(firstAccount.containsKey("rotationDueAt"), firstAccount::toString);
        Instant due = Instant.parse(firstAccount.getString("rotationDueAt"));
        assertTrue(due.isAfter(asked.plus(Duration.ofDays(7)).minusSeconds(60)), due::toString);
        JsonObject secondAccount = Api.admin().get("/api/v1/accounts/" + secondId).json();
        assertEquals(other.personId(), secondAccount.getString("contentOwnerId"));
        assertEquals(owner, secondAccount.getString("backupModeratorId"));

        Map<String, Long> kinds = offboarding.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .collect(Collectors.groupingBy(i -> i.getString("kind"), Collectors.counting()));
        assertEquals(Map.of("SIGN_IN_DISABLED", 1L, "SESSIONS_REVOKED", 1L, "TOKENS_REVOKED", 1L,
                "CONTENT_OWNER_REPLACED", 1L, "BACKUP_MODERATOR_REPLACED", 2L, "ROTATION_REQUIRED", 2L), kinds);

        List<MimeMessage> mails = awaitMail(mailsBefore, 2);
        Set<String> recipients = mails.stream().flatMap(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).map(Object::toString);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).collect(Collectors.toSet());
        String moderatorEmail = Api.admin().get("/api/v1/people/" + moderator).json().getString("email");
        String ownerEmail = Api.admin().get("/api/v1/people/" + owner).json().getString("email");
        assertTrue(recipients.containsAll(List.of(moderatorEmail, ownerEmail)), recipients::toString);
        for (MimeMessage mail : mails) {
            String body = mail.getContent().toString();
            assertTrue(body.contains(offboarding.getString("id")), body);
            TestSecrets.all().forEach(secret -> assertFalse(body.contains(secret), "no secret in mail"));
        }

        String id = offboarding.getString("id");
        for (String account : List.of(first.accountId(), secondId)) {
            int version = Api.admin().get("/api/v1/accounts/" + account).json().getInt("credentialVersion");
            assertEquals(201, first.owner().api().send("PUT", "/api/v1/accounts/" + account + "/credentials",
                    "{\"reason\":\"Rotation after the offboarding\",\"password\":\"" + TestSecrets.remember("new-"
                            + UUID.randomUUID()) + "\"}", "Content-Type", "application/json",
                    "If-Match", "\"" + version + "\"").status());
        }
        JsonObject afterRotation = hr.get("/api/v1/offboardings/" + id).json();
        assertEquals("IN_PROGRESS", afterRotation.getString("state"), "hand-overs still wait for confirmation");
        assertFalse(Api.admin().get("/api/v1/accounts/" + first.accountId()).json().containsKey("rotationDueAt"));
        for (JsonObject item : afterRotation.getJsonArray("items").getValuesAs(JsonObject.class)) {
            if (item.getString("state").equals("OPEN")) {
                assertTrue(item.getString("kind").endsWith("_REPLACED"), item::toString);
                Api confirmer = item.getString("toPerson").equals(moderator) ? first.moderator().api()
                        : first.owner().api();
                if (item.getString("toPerson").equals(owner)) {
                    assertProblem(first.moderator().api().post("/api/v1/offboardings/" + id + "/items/"
                            + item.getString("id") + "/confirmation", ""), 403, "forbidden");
                }
                Api.Reply confirmed = confirmer.post("/api/v1/offboardings/" + id + "/items/" + item.getString("id")
                        + "/confirmation", "");
                assertEquals(200, confirmed.status(), confirmed::toString);
            }
        }
        JsonObject done = hr.get("/api/v1/offboardings/" + id).json();
        assertEquals("COMPLETED", done.getString("state"), done::toString);
        assertNotNull(done.getString("completedAt"));
        assertEquals(1, TestDatabase.count("SELECT COUNT(*) FROM escrow.offboarding_case WHERE person_id = '"
                + leaver + "'"));
    }

    @Test
    void aDepartingAdminsSessionAndTheTokensTheyIssuedEndAtOnceAndTheirRolesGo() throws Exception {
        String department = People.createDepartment("ADMINLEAVE-" + UUID.randomUUID().toString().substring(0, 4));
        People.Session admin = People.member(department);
        People.grant(admin.personId(), "DGIT_ADMIN", null);
        Api.Reply issued = admin.api().post("/api/v1/tokens", Json.createObjectBuilder().add("name", "reporting")
                .add("role", "AUDITOR").add("expiresAt", Instant.now().plus(Duration.ofDays(1)).toString()).build()
                .toString());
        assertEquals(201, issued.status(), issued::toString);
        Api token = Api.live().bearer(TestSecrets.remember(issued.json().getString("token")));
        assertEquals(200, token.get("/api/v1/keys").status(), "the token works before");

        Api.Reply reply = hr.post("/api/v1/offboardings", "{\"employeeId\":\"" + employeeId(admin.personId())
                + "\"}");
        assertEquals(202, reply.status(), reply::toString);
        assertProblem(admin.api().get("/api/v1/session"), 401, "unauthenticated");
        assertProblem(token.get("/api/v1/keys"), 401, "unauthenticated");
        assertTrue(reply.json().getJsonArray("items").getValuesAs(JsonObject.class).stream().anyMatch(i ->
                i.getString("kind").equals("TOKENS_REVOKED") && i.getString("detail").startsWith("1 ")),
                reply::toString);
        assertEquals(0, Api.admin().get("/api/v1/people/" + admin.personId()).json().getJsonArray("roles").size(),
                "every role is revoked");
    }

    @Test
    void theSameRequestSentThreeTimesMakesOneCase() throws Exception {
        String department = People.createDepartment("TWICE-" + UUID.randomUUID().toString().substring(0, 4));
        String leaver = People.member(department).personId();
        String body = Json.createObjectBuilder().add("employeeId", employeeId(leaver))
                .add("effectiveAt", Instant.now().plus(Duration.ofDays(2)).toString()).build().toString();
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Api.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                replies.add(pool.submit(() -> {
                    start.await();
                    return hr.post("/api/v1/offboardings", body, "Idempotency-Key", key);
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            Set<String> ids = new java.util.HashSet<>();
            for (Future<Api.Reply> reply : replies) {
                statuses.add(reply.get().status());
                ids.add(reply.get().json().getString("id"));
            }
            statuses.sort(Integer::compare);
            assertEquals(List.of(200, 200, 202), statuses);
            assertEquals(1, ids.size());
            assertEquals("SCHEDULED", hr.get("/api/v1/offboardings/" + ids.iterator().next()).json()
                    .getString("state"));
        } finally {
            pool.shutdownNow();
        }
        Api.Reply again = hr.post("/api/v1/offboardings", body);
        assertEquals(200, again.status(), "the person's open case, without the key too");
        assertEquals(1, TestDatabase.count("SELECT COUNT(*) FROM escrow.offboarding_case WHERE person_id = '"
                + leaver + "'"));
    }

    @Test
    void badOffboardingRequestsAreProblems() {
        assertProblem(hr.post("/api/v1/offboardings", "{\"employeeId\":\"E-NOBODY-" + UUID.randomUUID() + "\"}"),
                404, "not-found");
        assertField(hr.post("/api/v1/offboardings", "{}"), 400, "employeeId");
        String department = People.createDepartment("BADOFF-" + UUID.randomUUID().toString().substring(0, 4));
        String leaver = People.member(department).personId();
        assertField(hr.post("/api/v1/offboardings", "{\"employeeId\":\"" + employeeId(leaver)
                + "\",\"effectiveAt\":\"tomorrow\"}"), 400, "effectiveAt");
        assertField(hr.post("/api/v1/offboardings", "{\"employeeId\":\"" + employeeId(leaver)
                + "\",\"successorId\":\"" + leaver + "\"}"), 422, "successorId");
        assertField(hr.post("/api/v1/offboardings", "{\"employeeId\":\"" + employeeId(leaver)
                + "\",\"hrRef\":\"x\"}"), 400, "hrRef");
        assertProblem(People.departmentOwner(department).api().post("/api/v1/offboardings", "{\"employeeId\":\""
                + employeeId(leaver) + "\"}"), 403, "forbidden");
        assertEquals(0, hr.get("/api/v1/offboardings?employeeId=" + employeeId(leaver)).parse().asJsonArray().size(),
                "nothing was opened");
    }

    @Test
    void anOffboardingScheduledTwoMinutesAheadSurvivesARestartAndRunsOnce() throws Exception {
        String department = People.createDepartment("LATER-" + UUID.randomUUID().toString().substring(0, 4));
        People.Session leaving = People.member(department);
        Instant effective = Instant.now().plus(Duration.ofMinutes(2));
        Api.Reply scheduled = hr.post("/api/v1/offboardings", Json.createObjectBuilder()
                .add("employeeId", employeeId(leaving.personId())).add("effectiveAt", effective.toString())
                .build().toString());
        assertEquals(202, scheduled.status(), scheduled::toString);
        String id = scheduled.json().getString("id");
        assertEquals("SCHEDULED", scheduled.json().getString("state"));

        LiveService.stack().restart();
        assertEquals("SCHEDULED", hr.get("/api/v1/offboardings/" + id).json().getString("state"));
        assertEquals(200, leaving.api().get("/api/v1/session").status(), "still at work until the effective time");

        while (Instant.now().isBefore(effective.plusSeconds(15))
                && hr.get("/api/v1/offboardings/" + id).json().getString("state").equals("SCHEDULED")) {
            Thread.sleep(1000);
        }
        JsonObject executed = hr.get("/api/v1/offboardings/" + id).json();
        assertFalse(executed.getString("state").equals("SCHEDULED"), executed::toString);
        assertFalse(Instant.parse(executed.getString("executedAt")).isBefore(effective), "not before its time");
        assertProblem(leaving.api().get("/api/v1/session"), 401, "unauthenticated");
        Thread.sleep(6000);
        assertEquals(2, TestDatabase.auditCount("action = 'OFFBOARDING_STEP' AND reason = 'offboarding " + id
                + "' AND actor_type = 'SYSTEM'"), "executed once: access ended, case executed");
        assertEquals(3, TestDatabase.count("SELECT COUNT(*) FROM escrow.offboarding_item WHERE case_id = '" + id
                + "'"), "one set of items");
    }

    @Test
    void aMailOutageDelaysTheNotificationsAndLosesNone() throws Exception {
        CredentialsIT.Fixture fixture = CredentialsIT.Fixture.create("OUTAGE");
        store(fixture);
        LiveService.stopMail();
        String caseId;
        try {
            Api.Reply reply = hr.post("/api/v1/offboardings", "{\"employeeId\":\""
                    + employeeId(fixture.contentOwner().personId()) + "\"}");
            assertEquals(202, reply.status(), reply::toString);
            caseId = reply.json().getString("id");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (TestDatabase.count("SELECT COUNT(*) FROM escrow.mail_outbox WHERE attempts > 0 AND sent_at IS NULL"
                    + " AND body LIKE '%" + caseId + "%'") == 0 && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
            assertTrue(TestDatabase.count("SELECT COUNT(*) FROM escrow.mail_outbox WHERE attempts > 0 AND sent_at"
                    + " IS NULL AND body LIKE '%" + caseId + "%'") > 0, "delivery was tried and failed");
        } finally {
            LiveService.startMail();
        }
        List<MimeMessage> delivered = awaitMail(0, 2);
        assertTrue(delivered.stream().allMatch(m -> {
            try {
                return m.getContent().toString().contains(caseId);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
        assertEquals(0, TestDatabase.count("SELECT COUNT(*) FROM escrow.mail_outbox WHERE sent_at IS NULL AND body"
                + " LIKE '%" + caseId + "%'"), "every message was sent after the outage");
    }

    static List<MimeMessage> awaitMail(int before, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (System.nanoTime() < deadline) {
            MimeMessage[] all = LiveService.mail().getReceivedMessages();
            if (all.length - before >= expected) {
                return Arrays.asList(all).subList(before, all.length);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("expected " + expected + " mails within 40 s, got "
                + (LiveService.mail().getReceivedMessages().length - before));
    }
}
