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
        String secondId = registerAccount(first.owner().api(), first.departmentId(), "Second", other.personId(),
                leaver);
        assertEquals(201, first.owner().api().send("PUT", "/api/v1/accounts/" + secondId + "/credentials",
                "{\"reason\":\"Escrow at registration\",\"password\":\"" + TestSecrets.remember("second-"
                        + UUID.randomUUID()) + "\"}", "Content-Type", "application/json", "If-Match", "\"0\"")
                .status());
        int mailsBefore = LiveService.mail().getReceivedMessages().length;
        String leaverUsername = Api.admin().get("/api/v1/people/" + leaver).json().getString("username");

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
        assertProblem(People.signInReply(leaverUsername, "owner-password-22", null), 401, "invalid-credentials");
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
        for (JsonObject item : offboarding.getJsonArray("items").getValuesAs(JsonObject.class)) {
            if (item.containsKey("accountId")) {
                assertEquals(Api.admin().get("/api/v1/accounts/" + item.getString("accountId")).json()
                        .getString("displayName"), item.getString("accountName"), "an item names its account");
            }
        }

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
                List<JsonObject> shown = confirmed.json().getJsonArray("items").getValuesAs(JsonObject.class);
                assertFalse(shown.isEmpty(), confirmed::toString);
                assertTrue(shown.stream().allMatch(i -> item.getString("toPerson").equals(i.getString("toPerson",
                        null))), "a new holder is shown only their own items: " + confirmed);
            }
        }
        JsonObject done = hr.get("/api/v1/offboardings/" + id).json();
        assertEquals("COMPLETED", done.getString("state"), done::toString);
        assertNotNull(done.getString("completedAt"));
        assertEquals(1, TestDatabase.count("SELECT COUNT(*) FROM escrow.offboarding_case WHERE person_id = '"
                + leaver + "'"));
    }

    @Test
    void aSuccessorListsExactlyTheHandOversAwaitingThemUntilTheyConfirmThem() {
        CredentialsIT.Fixture fixture = CredentialsIT.Fixture.create("HANDS");
        String leaver = fixture.contentOwner().personId();
        People.Session successor = People.member(fixture.departmentId());
        String moderated = registerAccount(fixture.owner().api(), fixture.departmentId(), "Moderated",
                fixture.moderator().personId(), leaver);
        Api.Reply reply = hr.post("/api/v1/offboardings", Json.createObjectBuilder().add("employeeId",
                employeeId(leaver)).add("successorId", successor.personId()).build().toString());
        assertEquals(202, reply.status(), reply::toString);
        String caseId = reply.json().getString("id");
        Set<String> theirs = reply.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(i -> successor.personId().equals(i.getString("toPerson", null)))
                .map(i -> i.getString("id")).collect(Collectors.toSet());
        assertEquals(2, theirs.size(), "content owner of one account, backup moderator of the other: " + reply);

        List<JsonObject> awaiting = handovers(successor.api());
        assertEquals(theirs, awaiting.stream().map(h -> h.getString("itemId")).collect(Collectors.toSet()));
        String leaverName = Api.admin().get("/api/v1/people/" + leaver).json().getString("name");
        for (JsonObject handover : awaiting) {
            assertEquals(caseId, handover.getString("caseId"));
            assertEquals(leaver, handover.getString("leaverId"));
            assertEquals(leaverName, handover.getString("leaverName"));
            assertEquals(fixture.departmentId(), handover.getString("departmentId"));
            assertTrue(Set.of(fixture.accountId(), moderated).contains(handover.getString("accountId")));
            assertEquals(handover.getString("accountId").equals(moderated) ? "Moderated" : "DGSOM HANDS",
                    handover.getString("accountName"), "the account's display name");
            assertTrue(handover.getString("kind").endsWith("_REPLACED"), handover::toString);
        }
        assertEquals(List.of(), handovers(fixture.moderator().api()), "another person has nothing to confirm");
        assertEquals(List.of(), handovers(hr), "nothing awaits a token");

        for (JsonObject handover : awaiting) {
            Api.Reply confirmed = successor.api().post("/api/v1/offboardings/" + caseId + "/items/"
                    + handover.getString("itemId") + "/confirmation", "");
            assertEquals(200, confirmed.status(), confirmed::toString);
        }
        assertEquals(List.of(), handovers(successor.api()), "confirmed hand-overs await nothing more");
    }

    static List<JsonObject> handovers(Api api) {
        Api.Reply reply = api.get("/api/v1/offboardings/handovers");
        assertEquals(200, reply.status(), reply::toString);
        return reply.parse().asJsonArray().getValuesAs(JsonObject.class);
    }

    @Test
    void aDepartingAdminsSessionAndTheTokensTheyIssuedEndAtOnceAndTheirRolesGo() throws Exception {
        String department = People.createDepartment("ADMINLEAVE-" + UUID.randomUUID().toString().substring(0, 4));
        People.dgitAdmin(department); // DGIT keeps an active admin with MFA when this one leaves
        People.Session admin = People.dgitAdmin(department);
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
    void theCaseListFiltersByStatesTheLeaversDepartmentAndWhatIsDueBefore() {
        CredentialsIT.Fixture fixture = CredentialsIT.Fixture.create("FILTER");
        store(fixture);
        Instant asked = Instant.now();
        Api.Reply now = hr.post("/api/v1/offboardings", "{\"employeeId\":\""
                + employeeId(fixture.contentOwner().personId()) + "\"}");
        assertEquals(202, now.status(), now::toString);
        Api.Reply later = hr.post("/api/v1/offboardings", Json.createObjectBuilder()
                .add("employeeId", employeeId(People.member(fixture.departmentId()).personId()))
                .add("effectiveAt", asked.plus(Duration.ofDays(3)).toString()).build().toString());
        assertEquals(202, later.status(), later::toString);
        String rotating = now.json().getString("id");
        String scheduled = later.json().getString("id");
        assertEquals("IN_PROGRESS", now.json().getString("state"), "a rotation is due in 7 days: " + now);
        String department = "/api/v1/offboardings?departmentId=" + fixture.departmentId();

        List<JsonObject> both = hr.get(department).parse().asJsonArray().getValuesAs(JsonObject.class);
        assertEquals(List.of(scheduled, rotating), both.stream().map(c -> c.getString("id")).toList(), "newest first");
        assertTrue(both.stream().allMatch(c -> c.getString("departmentId").equals(fixture.departmentId())));
        assertEquals(List.of(scheduled), ids(department + "&state=scheduled"));
        assertEquals(List.of(scheduled, rotating), ids(department + "&state=SCHEDULED,ACCESS_ENDED,IN_PROGRESS"));
        assertEquals(List.of(), ids(department + "&state=COMPLETED"));
        assertEquals(List.of(), ids(department + "&dueBefore=" + asked.plus(Duration.ofDays(1))));
        assertEquals(List.of(scheduled), ids(department + "&dueBefore=" + asked.plus(Duration.ofDays(4))));
        assertEquals(List.of(scheduled, rotating), ids(department + "&dueBefore=" + asked.plus(Duration.ofDays(8))));
        assertEquals(List.of(rotating), ids(department + "&dueBefore=" + asked.plus(Duration.ofDays(8))
                + "&state=IN_PROGRESS&employeeId=" + now.json().getString("employeeId")));
        assertEquals(List.of(), ids("/api/v1/offboardings?departmentId=" + UUID.randomUUID()));

        assertField(hr.get(department + "&dueBefore=tomorrow"), 400, "dueBefore");
        assertField(hr.get(department + "&state=SCHEDULED,NOPE"), 400, "state");
    }

    private List<String> ids(String path) {
        Api.Reply reply = hr.get(path);
        assertEquals(200, reply.status(), reply::toString);
        return reply.parse().asJsonArray().getValuesAs(JsonObject.class).stream().map(c -> c.getString("id")).toList();
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
        // Mail that other tests' cases still had in the outbox may arrive too: this case's two must be among it.
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        long ofThisCase = 0;
        while (ofThisCase < 2 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            ofThisCase = Arrays.stream(LiveService.mail().getReceivedMessages()).filter(m -> {
                try {
                    return m.getContent().toString().contains(caseId);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).count();
        }
        assertEquals(2, ofThisCase, "both notifications of the case arrived after the outage");
        assertEquals(0, TestDatabase.count("SELECT COUNT(*) FROM escrow.mail_outbox WHERE sent_at IS NULL AND body"
                + " LIKE '%" + caseId + "%'"), "every message was sent after the outage");
    }

    /** Waits until the case has left {@code states} (at most 30 s) and returns it. */
    private JsonObject awaitStateOtherThan(String caseId, String... states) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonObject offboarding = hr.get("/api/v1/offboardings/" + caseId).json();
        while (List.of(states).contains(offboarding.getString("state")) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            offboarding = hr.get("/api/v1/offboardings/" + caseId).json();
        }
        return offboarding;
    }

    @Test
    void hrMayNameOnlyASuccessorOfTheLeaversDepartment() {
        String department = People.createDepartment("SUCC-" + UUID.randomUUID().toString().substring(0, 4));
        String elsewhere = People.createDepartment("ELSE-" + UUID.randomUUID().toString().substring(0, 4));
        String leaver = People.member(department).personId();
        String outsider = People.member(elsewhere).personId();
        String later = Instant.now().plus(Duration.ofDays(3)).toString();
        assertField(hr.post("/api/v1/offboardings", Json.createObjectBuilder().add("employeeId", employeeId(leaver))
                .add("successorId", outsider).add("effectiveAt", later).build().toString()), 400, "successorId");
        assertEquals(0, hr.get("/api/v1/offboardings?employeeId=" + employeeId(leaver)).parse().asJsonArray().size(),
                "nothing was opened");
        Api.Reply byAdmin = Api.admin().post("/api/v1/offboardings", Json.createObjectBuilder()
                .add("employeeId", employeeId(leaver)).add("successorId", outsider).add("effectiveAt", later).build()
                .toString());
        assertEquals(202, byAdmin.status(), "a DGIT admin may name anyone active: " + byAdmin);
        String colleague = People.member(department).personId();
        String another = People.member(department).personId();
        Api.Reply byHr = hr.post("/api/v1/offboardings", Json.createObjectBuilder().add("employeeId",
                employeeId(another)).add("successorId", colleague).add("effectiveAt", later).build().toString());
        assertEquals(202, byHr.status(), "HR may name a colleague of the leaver's department: " + byHr);
    }

    @Test
    void hrStaffOffboardAnyoneFollowTheCaseAndNameOnlyASuccessorOfTheLeaversDepartment() {
        People.Session staff = People.hrStaff(People.createDepartment("HRSTAFF-" + UUID.randomUUID().toString()
                .substring(0, 4)));
        String department = People.createDepartment("HRLEAVE-" + UUID.randomUUID().toString().substring(0, 4));
        String leaver = People.member(department).personId();
        String outsider = People.member(People.createDepartment("HROUT-" + UUID.randomUUID().toString()
                .substring(0, 4))).personId();
        String later = Instant.now().plus(Duration.ofDays(3)).toString();
        assertField(staff.api().post("/api/v1/offboardings", Json.createObjectBuilder()
                .add("employeeId", employeeId(leaver)).add("successorId", outsider).add("effectiveAt", later).build()
                .toString()), 400, "successorId");

        Api.Reply requested = staff.api().post("/api/v1/offboardings", Json.createObjectBuilder()
                .add("employeeId", employeeId(leaver)).add("effectiveAt", later).build().toString());
        assertEquals(202, requested.status(), "a leaver of any department: " + requested);
        String id = requested.json().getString("id");
        assertEquals("person:" + staff.personId(), requested.json().getString("requestedBy"));
        assertEquals(department, requested.json().getString("departmentId"));
        assertEquals("SCHEDULED", staff.api().get("/api/v1/offboardings/" + id).json().getString("state"));
        assertEquals(List.of(id), staff.api().get("/api/v1/offboardings?employeeId=" + employeeId(leaver)).parse()
                .asJsonArray().getValuesAs(JsonObject.class).stream().map(c -> c.getString("id")).toList());
    }

    @Test
    void anHrRequestToOffboardNowBringsForwardACaseScheduledForLater() throws Exception {
        String department = People.createDepartment("SOONER-" + UUID.randomUUID().toString().substring(0, 4));
        People.Session leaving = People.member(department);
        String employeeId = employeeId(leaving.personId());
        Api.Reply scheduled = hr.post("/api/v1/offboardings", Json.createObjectBuilder().add("employeeId", employeeId)
                .add("effectiveAt", Instant.now().plus(Duration.ofDays(14)).toString()).build().toString());
        assertEquals(202, scheduled.status(), scheduled::toString);
        assertEquals(200, leaving.api().get("/api/v1/session").status(), "at work until the effective time");

        Api.Reply now = hr.post("/api/v1/offboardings", "{\"employeeId\":\"" + employeeId + "\"}");
        assertEquals(200, now.status(), now::toString);
        assertEquals(scheduled.json().getString("id"), now.json().getString("id"), "the same case");
        assertFalse(now.json().getString("state").equals("SCHEDULED"), now::toString);
        assertFalse(Instant.parse(now.json().getString("effectiveAt")).isAfter(Instant.now()), now::toString);
        assertProblem(leaving.api().get("/api/v1/session"), 401, "unauthenticated");
        assertEquals(1, TestDatabase.count("SELECT COUNT(*) FROM escrow.offboarding_case WHERE person_id = '"
                + leaving.personId() + "'"));
    }

    @Test
    void credentialsTheLeaverRotatedAreFlaggedForRotationEvenIfTheyNoLongerHoldTheAccount() throws Exception {
        CredentialsIT.Fixture fixture = CredentialsIT.Fixture.create("ROTATED");
        People.Session leaving = fixture.contentOwner();
        Api.Reply stored = CredentialsIT.rotate(leaving.api(), fixture, 0, Json.createObjectBuilder()
                .add("reason", "Escrow at registration").add("password", TestSecrets.remember("set-by-the-leaver-"
                        + UUID.randomUUID())));
        assertEquals(201, stored.status(), stored::toString);
        // The account passes to someone else: the leaver no longer holds it, but knows the password they set.
        String next = People.member(fixture.departmentId()).personId();
        Api.Reply reassigned = fixture.owner().api().send("PATCH", "/api/v1/accounts/" + fixture.accountId(),
                Json.createObjectBuilder().add("contentOwnerId", next).add("reason", "Moved to another team").build()
                        .toString(), "Content-Type", "application/json");
        assertEquals(200, reassigned.status(), reassigned::toString);
        assertFalse(Api.admin().get("/api/v1/accounts/" + fixture.accountId()).json().containsKey("rotationDueAt"));

        Api.Reply reply = hr.post("/api/v1/offboardings", "{\"employeeId\":\"" + employeeId(leaving.personId())
                + "\"}");
        assertEquals(202, reply.status(), reply::toString);
        assertTrue(Api.admin().get("/api/v1/accounts/" + fixture.accountId()).json().containsKey("rotationDueAt"),
                "flagged for rotation");
        assertTrue(reply.json().getJsonArray("items").getValuesAs(JsonObject.class).stream().anyMatch(i ->
                i.getString("kind").equals("ROTATION_REQUIRED") && fixture.accountId().equals(i.getString("accountId",
                null)) && i.getString("detail").equals("rotated by the leaver")), reply::toString);
    }

    @Test
    void aFailingHandOverNeverUndoesTheEndOfAccessAndIsResumedLater() throws Exception {
        CredentialsIT.Fixture fixture = CredentialsIT.Fixture.create("FAILHAND");
        store(fixture);
        People.Session leaving = fixture.contentOwner();
        String leaver = leaving.personId();
        People.grant(leaver, "DEPARTMENT_OWNER", People.createDepartment("OWNED-" + UUID.randomUUID().toString()
                .substring(0, 4)));
        String username = Api.admin().get("/api/v1/people/" + leaver).json().getString("username");
        // A real database failure in the hand-over: the leaver's account cannot be updated.
        String trigger = "fail_handover_" + UUID.randomUUID().toString().substring(0, 8);
        TestDatabase.update("CREATE TRIGGER " + trigger + " BEFORE UPDATE ON official_account FOR EACH ROW BEGIN"
                + " IF OLD.id = '" + fixture.accountId() + "' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT ="
                + " 'hand-over blocked by the test'; END IF; END");
        String caseId;
        try {
            Api.Reply reply = hr.post("/api/v1/offboardings", "{\"employeeId\":\"" + employeeId(leaver) + "\"}");
            assertEquals(202, reply.status(), reply::toString);
            caseId = reply.json().getString("id");
            assertEquals("ACCESS_ENDED", reply.json().getString("state"), reply::toString);
            assertProblem(leaving.api().get("/api/v1/session"), 401, "unauthenticated");
            assertProblem(People.signInReply(username, "owner-password-22", null), 401, "invalid-credentials");
            JsonObject person = Api.admin().get("/api/v1/people/" + leaver).json();
            assertEquals("OFFBOARDED", person.getString("status"));
            assertEquals(0, person.getJsonArray("roles").size(), "every role is revoked");
            assertEquals(0, TestDatabase.count("SELECT COUNT(*) FROM escrow.sign_in WHERE person_id = '" + leaver
                    + "'"), "the sign-in is destroyed");
            Thread.sleep(6_000);
            assertEquals("ACCESS_ENDED", hr.get("/api/v1/offboardings/" + caseId).json().getString("state"),
                    "the scheduler's retry fails too while the account cannot be updated");
            assertEquals(leaver, Api.admin().get("/api/v1/accounts/" + fixture.accountId()).json()
                    .getString("contentOwnerId"), "nothing half-transferred");
        } finally {
            TestDatabase.update("DROP TRIGGER IF EXISTS " + trigger);
        }
        JsonObject resumed = awaitStateOtherThan(caseId, "ACCESS_ENDED");
        assertEquals("IN_PROGRESS", resumed.getString("state"), resumed::toString);
        assertEquals(fixture.moderator().personId(), Api.admin().get("/api/v1/accounts/" + fixture.accountId())
                .json().getString("contentOwnerId"), "the hand-over resumed: the backup moderator is promoted");
        assertEquals(3, TestDatabase.auditCount("action = 'OFFBOARDING_STEP' AND reason = 'offboarding " + caseId
                + "'"), "access ended once, one rotation required, executed once: the failed tries left nothing");
    }

    @Test
    void anAccountNobodyCanTakeOverGoesToDgitWithAnOpenItem() throws Exception {
        String department = People.createDepartment("NOBODY-" + UUID.randomUUID().toString().substring(0, 4));
        People.Session leaving = People.member(department);
        String moderator = People.member(department).personId();
        String account = registerAccount(Api.admin(), department, "Nobody's", leaving.personId(), moderator);
        // The department has no owner; for the test's duration DGIT has no admin either (the shared database's
        // DGIT_ADMIN grants are set aside and then put back exactly), so nobody can back the moderator up.
        String saved = "saved_admins_" + UUID.randomUUID().toString().substring(0, 8);
        TestDatabase.update("CREATE TABLE " + saved + " AS SELECT * FROM role_grant WHERE role = 'DGIT_ADMIN'");
        Api.Reply reply;
        try {
            TestDatabase.update("DELETE FROM role_grant WHERE role = 'DGIT_ADMIN'");
            // The bootstrap token: a token a person issued dies while its issuer holds no DGIT_ADMIN grant.
            reply = Api.admin().post("/api/v1/offboardings", "{\"employeeId\":\"" + employeeId(leaving.personId())
                    + "\"}");
        } finally {
            TestDatabase.update("INSERT INTO role_grant SELECT * FROM " + saved);
            TestDatabase.update("DROP TABLE " + saved);
        }
        assertEquals(202, reply.status(), reply::toString);
        assertEquals("IN_PROGRESS", reply.json().getString("state"), "the hand-over did not fail: " + reply);
        assertProblem(leaving.api().get("/api/v1/session"), 401, "unauthenticated");
        JsonObject toDgit = reply.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(i -> i.getString("kind").equals("ACCOUNT_TO_DGIT")).findFirst().orElseThrow(() ->
                        new AssertionError("no ACCOUNT_TO_DGIT item: " + reply));
        assertEquals("OPEN", toDgit.getString("state"));
        assertEquals(account, toDgit.getString("accountId"));
        assertEquals(leaving.personId(), Api.admin().get("/api/v1/accounts/" + account).json()
                .getString("contentOwnerId"), "left as it was, for DGIT to place");

        assertTrue(handovers(People.admin()).stream().anyMatch(h -> h.getString("itemId").equals(toDgit.getString("id"))
                && h.getString("kind").equals("ACCOUNT_TO_DGIT") && h.getString("leaverId").equals(leaving.personId())),
                "it awaits DGIT's admins");
        // DGIT names the holders, then confirms the item; the case completes.
        String next = People.member(department).personId();
        Api.Reply placed = Api.admin().send("PATCH", "/api/v1/accounts/" + account, Json.createObjectBuilder()
                .add("contentOwnerId", moderator).add("backupModeratorId", next).add("reason", "Placed by DGIT")
                .build().toString(), "Content-Type", "application/json");
        assertEquals(200, placed.status(), placed::toString);
        String caseId = reply.json().getString("id");
        Api.Reply confirmed = Api.admin().post("/api/v1/offboardings/" + caseId + "/items/" + toDgit.getString("id")
                + "/confirmation", "");
        assertEquals(200, confirmed.status(), confirmed::toString);
        assertEquals("COMPLETED", confirmed.json().getString("state"), confirmed::toString);
        assertTrue(handovers(People.admin()).stream().noneMatch(h -> h.getString("itemId").equals(toDgit.getString(
                "id"))), "confirmed, it awaits nobody");
    }

    @Test
    void peopleLeavingAtOnceWhoBackEachOtherUpLeaveNoAccountWithAnOffboardedHolder() throws Exception {
        String department = People.createDepartment("MUTUAL-" + UUID.randomUUID().toString().substring(0, 4));
        People.Session owner = People.departmentOwner(department);
        String staying = People.departmentOwner(department).personId();
        String a = People.member(department).personId();
        String b = People.member(department).personId();
        for (int i = 0; i < 6; i++) {
            registerAccount(owner.api(), department, "Mutual " + i, i % 2 == 0 ? a : b, i % 2 == 0 ? b : a);
        }
        // A and B hold each other's backup place; the longest-standing department owner, their steward, leaves too.
        List<String> bodies = new ArrayList<>();
        for (String leaver : List.of(a, b, owner.personId())) {
            bodies.add("{\"employeeId\":\"" + employeeId(leaver) + "\"}");
        }
        offboardAtOnceAndAwaitHandOvers(bodies, 202);
        assertEquals(0, TestDatabase.count("SELECT COUNT(*) FROM escrow.official_account a JOIN escrow.person p"
                + " ON p.id IN (a.content_owner_id, a.backup_moderator_id) WHERE a.department_id = '" + department
                + "' AND p.status <> 'ACTIVE'"), "no account is left with an offboarded holder");
        assertEquals(6, TestDatabase.count("SELECT COUNT(*) FROM escrow.official_account WHERE department_id = '"
                + department + "' AND '" + staying + "' IN (content_owner_id, backup_moderator_id)"),
                "the department owner who stays holds every account");
    }

    @Test
    void peopleLeavingAtOnceWhoAreEachOthersNamedSuccessorLeaveNoAccountWithAnOffboardedHolder() throws Exception {
        String department = People.createDepartment("SUCCS-" + UUID.randomUUID().toString().substring(0, 4));
        People.Session owner = People.departmentOwner(department);
        String otherOwner = People.departmentOwner(department).personId();
        String colleague = People.member(department).personId();
        String a = People.member(department).personId();
        String b = People.member(department).personId();
        // Each leaver holds accounts with a colleague who stays, and accounts with the other leaver.
        String[][] holders = {{a, colleague}, {colleague, a}, {b, colleague}, {colleague, b}, {a, b}, {b, a}};
        for (String[] pair : holders) {
            registerAccount(owner.api(), department, "Successors", pair[0], pair[1]);
        }
        Map<String, String> successorOf = Map.of(a, b, b, a);
        // HR names each as the other's successor. The cases are opened for later first: a successor already
        // offboarded is refused (422), so the requests that race are the ones that make both cases due now.
        for (String leaver : List.of(a, b)) {
            Api.Reply scheduled = hr.post("/api/v1/offboardings", Json.createObjectBuilder()
                    .add("employeeId", employeeId(leaver)).add("successorId", successorOf.get(leaver))
                    .add("effectiveAt", Instant.now().plus(Duration.ofDays(1)).toString()).build().toString());
            assertEquals(202, scheduled.status(), scheduled::toString);
            assertEquals(successorOf.get(leaver), scheduled.json().getString("successorId"), scheduled::toString);
        }
        List<String> bodies = new ArrayList<>();
        for (String leaver : List.of(a, b)) {
            bodies.add(Json.createObjectBuilder().add("employeeId", employeeId(leaver))
                    .add("successorId", successorOf.get(leaver)).build().toString());
        }
        // 200: each case is brought forward to now.
        offboardAtOnceAndAwaitHandOvers(bodies, 200);
        for (String leaver : List.of(a, b)) {
            assertEquals("OFFBOARDED", Api.admin().get("/api/v1/people/" + leaver).json().getString("status"));
        }
        assertEquals(0, TestDatabase.count("SELECT COUNT(*) FROM escrow.official_account a JOIN escrow.person p"
                + " ON p.id IN (a.content_owner_id, a.backup_moderator_id) WHERE a.department_id = '" + department
                + "' AND p.status <> 'ACTIVE'"), "no account is left with an offboarded holder");
        assertEquals(holders.length, TestDatabase.count("SELECT COUNT(*) FROM escrow.official_account WHERE"
                + " department_id = '" + department + "' AND content_owner_id <> backup_moderator_id AND"
                + " content_owner_id IN ('" + owner.personId() + "', '" + otherOwner + "', '" + colleague + "') AND"
                + " backup_moderator_id IN ('" + owner.personId() + "', '" + otherOwner + "', '" + colleague + "')"),
                "every account is held by two people who stay");
    }

    /** Registers an X account of {@code department} with these holders; answers its id. */
    static String registerAccount(Api api, String department, String displayName, String contentOwnerId,
            String backupModeratorId) {
        Api.Reply created = api.post("/api/v1/accounts", Json.createObjectBuilder().add("platform", "X")
                .add("handle", "@held-" + UUID.randomUUID()).add("displayName", displayName)
                .add("departmentId", department).add("contentOwnerId", contentOwnerId)
                .add("backupModeratorId", backupModeratorId).build().toString());
        assertEquals(201, created.status(), created::toString);
        return created.json().getString("id");
    }

    /**
     * Sends the offboarding requests at the same moment, expects {@code status} for each, and waits until every
     * case is handed over (COMPLETED when another's hand-over already took every account from its leaver).
     */
    private void offboardAtOnceAndAwaitHandOvers(List<String> bodies, int status) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(bodies.size());
        List<String> cases = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Api.Reply>> replies = new ArrayList<>();
            for (String body : bodies) {
                replies.add(pool.submit(() -> {
                    start.await();
                    return hr.post("/api/v1/offboardings", body);
                }));
            }
            start.countDown();
            for (Future<Api.Reply> reply : replies) {
                assertEquals(status, reply.get().status(), reply.get()::toString);
                cases.add(reply.get().json().getString("id"));
            }
        } finally {
            pool.shutdownNow();
        }
        for (String caseId : cases) {
            JsonObject offboarding = awaitStateOtherThan(caseId, "SCHEDULED", "ACCESS_ENDED");
            assertTrue(List.of("IN_PROGRESS", "COMPLETED").contains(offboarding.getString("state")),
                    offboarding::toString);
        }
    }

    @Test
    void aCaseWhoseLeaverBecameTheLastAdminWithMfaStillEndsTheirAccessAndSaysSoLoudly() throws Exception {
        String department = People.createDepartment("LASTADMIN-" + UUID.randomUUID().toString().substring(0, 4));
        People.Session other = People.dgitAdmin(department);
        People.Session leaving = People.dgitAdmin(department);
        // Accepted while other admins with MFA exist, to run tomorrow.
        Api.Reply scheduled = hr.post("/api/v1/offboardings", Json.createObjectBuilder()
                .add("employeeId", employeeId(leaving.personId()))
                .add("effectiveAt", Instant.now().plus(Duration.ofDays(1)).toString()).build().toString());
        assertEquals(202, scheduled.status(), scheduled::toString);
        String caseId = scheduled.json().getString("id");
        String otherEmail = Api.admin().get("/api/v1/people/" + other.personId()).json().getString("email");
        // Meanwhile every other admin loses MFA (the shared database's admins are set aside and put back exactly),
        // and the case falls due: the leaver is now the last active admin with MFA.
        List<String> setAside = new ArrayList<>();
        try (var connection = TestDatabase.connect(); var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT s.person_id FROM escrow.sign_in s JOIN escrow.role_grant g"
                        + " ON g.person_id = s.person_id AND g.role = 'DGIT_ADMIN' JOIN escrow.person p ON p.id ="
                        + " s.person_id WHERE p.status = 'ACTIVE' AND s.mfa_state = 'ENROLLED' AND s.person_id <> '"
                        + leaving.personId() + "'")) {
            while (rows.next()) {
                setAside.add("'" + rows.getString(1) + "'");
            }
        }
        String ids = setAside.isEmpty() ? "''" : String.join(",", setAside);
        int mailsBefore = LiveService.mail().getReceivedMessages().length;
        JsonObject polled;
        try {
            TestDatabase.update("UPDATE escrow.sign_in SET mfa_state = 'PENDING' WHERE person_id IN (" + ids + ")");
            TestDatabase.update("UPDATE escrow.offboarding_case SET effective_at = UTC_TIMESTAMP(6) WHERE id = '"
                    + caseId + "'");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            do {
                Thread.sleep(500);
                polled = Api.admin().get("/api/v1/offboardings/" + caseId).json();
            } while (polled.getString("state").equals("SCHEDULED") && System.nanoTime() < deadline);
        } finally {
            TestDatabase.update("UPDATE escrow.sign_in SET mfa_state = 'ENROLLED' WHERE person_id IN (" + ids + ")");
        }
        JsonObject executed = polled;
        assertFalse(executed.getString("state").equals("SCHEDULED"), "executed: " + executed);
        assertProblem(leaving.api().get("/api/v1/session"), 401, "unauthenticated");
        assertEquals(0, Api.admin().get("/api/v1/people/" + leaving.personId()).json().getJsonArray("roles").size(),
                "every role is revoked");
        JsonObject item = executed.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(i -> i.getString("kind").equals("NO_DGIT_ADMIN_LEFT")).findFirst()
                .orElseThrow(() -> new AssertionError("no NO_DGIT_ADMIN_LEFT item: " + executed));
        assertEquals("OPEN", item.getString("state"));
        assertEquals(1, TestDatabase.auditCount("action = 'OFFBOARDING_STEP' AND reason = 'DGIT has no active admin"
                + " with MFA left' AND target_id = '" + leaving.personId() + "'"));

        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        boolean told = false;
        while (!told && System.nanoTime() < deadline) {
            Thread.sleep(200);
            MimeMessage[] all = LiveService.mail().getReceivedMessages();
            for (MimeMessage message : Arrays.asList(all).subList(mailsBefore, all.length)) {
                told |= message.getSubject().equals("DGIT has no admin with MFA left")
                        && Arrays.stream(message.getAllRecipients()).anyMatch(r -> r.toString().contains(otherEmail));
            }
        }
        assertTrue(told, "the remaining admin is told by mail");

        Api.Reply confirmed = Api.admin().post("/api/v1/offboardings/" + caseId + "/items/" + item.getString("id")
                + "/confirmation", "");
        assertEquals(200, confirmed.status(), confirmed::toString);
        assertTrue(confirmed.json().getJsonArray("items").getValuesAs(JsonObject.class).stream().anyMatch(i ->
                i.getString("id").equals(item.getString("id")) && i.getString("state").equals("DONE")),
                confirmed::toString);
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
