package edu.ucla.dgsom.escrow.it;

import static edu.ucla.dgsom.escrow.it.CredentialsIT.assertField;
import static edu.ucla.dgsom.escrow.it.PlatformIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Requests for official accounts and a supervisor's decision (policy I.1-2), over HTTP against the WAR on Payara, with
 * the DGIT Web Product Manager's mailbox on the real SMTP server.
 */
@ExtendWith(LiveService.class)
class AccountRequestsIT {

    /** A department with a supervisor, and two members who can hold an account. */
    record Department(String id, People.Session supervisor, People.Session owner, People.Session moderator) {

        static Department create(String code) {
            String id = People.createDepartment(code + "-" + unique());
            People.Session supervisor = People.member(id);
            People.grant(supervisor.personId(), "SUPERVISOR", id);
            return new Department(id, supervisor, People.member(id), People.member(id));
        }

        JsonObjectBuilder request(String fte) {
            return Json.createObjectBuilder().add("departmentId", id).add("platform", "INSTAGRAM")
                    .add("handle", "@dgsom-" + unique()).add("displayName", "DGSOM " + unique())
                    .add("purpose", "News of the department's research for patients and alumni")
                    .add("contentOwnerEmail", email(owner)).add("backupModeratorId", moderator.personId())
                    .add("contentOwnerFte", new BigDecimal(fte));
        }
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String email(People.Session person) {
        return Api.admin().get("/api/v1/people/" + person.personId()).json().getString("email");
    }

    private static JsonObject created(Api.Reply reply) {
        assertEquals(201, reply.status(), reply::toString);
        assertTrue(reply.header("Location").endsWith("/api/v1/account-requests/" + reply.json().getString("id")));
        return reply.json();
    }

    private static String decision(String comment) {
        return Json.createObjectBuilder().add("comment", comment).build().toString();
    }

    /**
     * Waits for a mail to {@code to} whose subject contains {@code subject}. GreenMail lists messages by mailbox, not by
     * arrival, so the subject must name what the test made (an account's unique display name) or the recipient be new.
     */
    static MimeMessage awaitMailTo(String to, String subject) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (System.nanoTime() < deadline) {
            for (MimeMessage message : LiveService.mail().getReceivedMessages()) {
                if (message.getAllRecipients()[0].toString().equals(to) && message.getSubject().contains(subject)) {
                    return message;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no mail to " + to + " about \"" + subject + "\" within 40 s");
    }

    @Test
    void a_request_retried_with_its_idempotency_key_gets_the_first_answer_and_makes_nothing_twice()
            throws Exception {
        Department department = Department.create("KEY");
        People.Session requester = People.member(department.id());
        String request = department.request("0.50").build().toString();
        String key = UUID.randomUUID().toString();
        Api.Reply first = requester.api().post("/api/v1/account-requests", request, "Idempotency-Key", key);
        JsonObject made = created(first);

        Api.Reply retried = requester.api().post("/api/v1/account-requests", request, "Idempotency-Key", key);
        assertEquals(201, retried.status(), retried::toString);
        assertEquals("true", retried.header("Idempotent-Replayed"));
        assertEquals(first.header("Location"), retried.header("Location"));
        assertEquals(made, retried.json());
        assertEquals(1, requester.api().get("/api/v1/account-requests?mine=true").parse().asJsonArray().size());

        assertProblem(requester.api().post("/api/v1/account-requests", department.request("0.50").build().toString(),
                "Idempotency-Key", key), 422, "unprocessable");
        // A key is its caller's own: another person's same key is a new request, refused here as the same account.
        assertProblem(department.owner().api().post("/api/v1/account-requests", request, "Idempotency-Key", key),
                409, "conflict");
        assertProblem(requester.api().post("/api/v1/account-requests", request, "Idempotency-Key", "two words"),
                400, "validation-failed");

        // A day on, the answer is forgotten: the same retry is a new request, refused as the same account's.
        TestDatabase.update("UPDATE idempotent_write SET created_at = created_at - INTERVAL 25 HOUR WHERE"
                + " idempotency_key = '" + key + "'");
        assertProblem(requester.api().post("/api/v1/account-requests", request, "Idempotency-Key", key), 409,
                "conflict");
    }

    @Test
    void a_person_requests_an_account_a_supervisor_approves_it_and_its_first_escrow_makes_it_active()
            throws Exception {
        Department department = Department.create("REQ");
        People.Session requester = People.member(department.id());
        JsonObject request = created(requester.api().post("/api/v1/account-requests",
                department.request("0.50").build().toString()));
        assertEquals("PENDING", request.getString("state"));
        assertEquals("NEW_ACCOUNT", request.getString("kind"));
        assertEquals(department.owner().personId(), request.getString("contentOwnerId"), "named by e-mail");
        assertTrue(request.getString("contentOwnerName").startsWith("Person member-"));
        assertFalse(request.containsKey("accountId"), "nothing is registered before the decision");
        String id = request.getString("id");
        String body = awaitMailTo(LiveService.WEB_PRODUCT_MANAGER, "Account request: "
                + request.getString("displayName")).getContent().toString();
        assertTrue(body.contains(request.getString("displayName")) && body.contains("0.50 FTE"), body);
        awaitMailTo(email(department.supervisor()), "Account request to decide");
        assertEquals(1, TestDatabase.auditCount("action = 'ACCOUNT_REQUEST' AND target_id = '" + id
                + "' AND outcome = 'ALLOWED'"));

        Api.Reply approved = department.supervisor().api().post("/api/v1/account-requests/" + id + "/approval",
                decision("Approved: the department needs a patient-facing channel"));
        assertEquals(200, approved.status(), approved::toString);
        assertEquals("APPROVED", approved.json().getString("state"));
        assertEquals("APPROVED", approved.json().getString("accountStatus"), "approved, not yet escrowed");
        assertEquals(department.supervisor().personId(), approved.json().getString("decidedBy"));
        String accountId = approved.json().getString("accountId");
        JsonObject account = department.owner().api().get("/api/v1/accounts/" + accountId).json();
        assertEquals("APPROVED", account.getString("status"), account::toString);
        assertEquals(id, account.getString("approvalRequestId"));
        assertEquals(department.moderator().personId(), account.getString("backupModeratorId"));
        awaitMailTo(LiveService.WEB_PRODUCT_MANAGER, "Account request approved: " + request.getString("displayName"));
        awaitMailTo(email(requester), "Your account request was approved");
        assertEquals(1, TestDatabase.auditCount("action = 'ACCOUNT_REQUEST_APPROVE' AND target_id = '" + id
                + "' AND outcome = 'ALLOWED'"));

        Api.Reply stored = department.owner().api().send("PUT", "/api/v1/accounts/" + accountId + "/credentials",
                Json.createObjectBuilder().add("reason", "First escrow after the approval")
                        .add("loginIdentifier", "dgsom-news").add("password", TestSecrets.remember("Pw-" + unique()))
                        .build().toString(), "Content-Type", "application/json", "If-Match", "\"0\"");
        assertEquals(201, stored.status(), stored::toString);
        assertEquals("ACTIVE", department.owner().api().get("/api/v1/accounts/" + accountId).json()
                .getString("status"), "the first escrow puts an approved account in use");
    }

    @Test
    void only_a_supervisor_of_the_department_decides_and_never_their_own_request() throws Exception {
        Department department = Department.create("OWN");
        String own = created(department.supervisor().api().post("/api/v1/account-requests",
                department.request("0.50").build().toString())).getString("id");
        String refused = UUID.randomUUID().toString();
        assertProblem(department.supervisor().api().post("/api/v1/account-requests/" + own + "/approval",
                decision("Approving my own"), "X-Request-Id", refused), 403, "forbidden");
        assertEquals(1, TestDatabase.auditCount("request_id = '" + refused + "' AND action = 'ACCOUNT_REQUEST_APPROVE'"
                + " AND outcome = 'DENIED'"));
        assertProblem(Api.admin().post("/api/v1/account-requests/" + own + "/approval", decision("DGIT approves")),
                403, "forbidden");
        Department other = Department.create("OTHER");
        assertProblem(other.supervisor().api().post("/api/v1/account-requests/" + own + "/approval",
                decision("Not my department")), 404, "not-found");
        assertProblem(other.supervisor().api().get("/api/v1/account-requests/" + own), 404, "not-found");
        assertProblem(department.owner().api().post("/api/v1/account-requests/" + own + "/rejection",
                decision("A holder decides")), 403, "forbidden");

        People.Session second = People.member(department.id());
        People.grant(second.personId(), "SUPERVISOR", department.id());
        Api.Reply approved = second.api().post("/api/v1/account-requests/" + own + "/approval",
                decision("Approved by the other supervisor"));
        assertEquals(200, approved.status(), approved::toString);
        assertEquals(own, Api.admin().get("/api/v1/account-requests?state=APPROVED&departmentId=" + department.id())
                .parse().asJsonArray().getJsonObject(0).getString("id"), "DGIT admins read every request");
    }

    @Test
    void a_content_owner_below_a_quarter_fte_needs_the_approvers_acknowledgement() throws Exception {
        Department department = Department.create("FTE");
        JsonObject request = created(department.owner().api().post("/api/v1/account-requests",
                department.request("0.10").build().toString()));
        assertTrue(request.getBoolean("lowFte"));
        String path = "/api/v1/account-requests/" + request.getString("id") + "/approval";
        Api.Reply unacknowledged = department.supervisor().api().post(path, decision("Fine by me"));
        assertField(unacknowledged, 422, "acknowledgeLowFte");
        Api.Reply approved = department.supervisor().api().post(path, Json.createObjectBuilder()
                .add("comment", "A small unit: 0.10 FTE is what we have").add("acknowledgeLowFte", true).build()
                .toString());
        assertEquals(200, approved.status(), approved::toString);
        assertTrue(approved.json().getBoolean("lowFteAcknowledged"));
        assertEquals(1, TestDatabase.auditCount("action = 'ACCOUNT_REQUEST_APPROVE' AND outcome = 'ALLOWED'"
                + " AND target_id = '" + request.getString("id") + "' AND details LIKE '%lowFteAcknowledged%true%'"));
    }

    @Test
    void deciding_a_decided_request_is_a_conflict_naming_its_state() {
        Department department = Department.create("TWICE");
        People.Session requester = People.member(department.id());
        String id = created(requester.api().post("/api/v1/account-requests", department.request("1")
                .build().toString())).getString("id");
        Api.Reply rejected = department.supervisor().api().post("/api/v1/account-requests/" + id + "/rejection",
                decision("Use the department's existing page instead"));
        assertEquals(200, rejected.status(), rejected::toString);
        assertEquals("REJECTED", rejected.json().getString("state"));
        assertFalse(rejected.json().containsKey("accountId"), "a rejection registers nothing");
        for (String step : List.of("approval", "rejection")) {
            Api.Reply again = department.supervisor().api().post("/api/v1/account-requests/" + id + "/" + step,
                    decision("Once more"));
            assertProblem(again, 409, "conflict");
            assertEquals("REJECTED", again.json().getString("currentState"), again::toString);
        }
        Api.Reply withdrawn = requester.api().post("/api/v1/account-requests/" + id + "/withdrawal", "");
        assertProblem(withdrawn, 409, "conflict");
        assertEquals("REJECTED", withdrawn.json().getString("currentState"));
    }

    @Test
    void an_account_that_existed_before_the_service_is_approved_after_the_fact_by_the_same_path() {
        Department department = Department.create("AFTER");
        Api.Reply registered = Api.admin().post("/api/v1/accounts", Json.createObjectBuilder()
                .add("platform", "FACEBOOK").add("handle", "dgsom.legacy." + unique()).add("displayName", "Legacy")
                .add("departmentId", department.id()).add("contentOwnerId", department.owner().personId())
                .add("backupModeratorId", department.moderator().personId()).add("status", "ACTIVE").build()
                .toString());
        assertEquals(201, registered.status(), registered::toString);
        String accountId = registered.json().getString("id");
        JsonObject request = created(department.owner().api().post("/api/v1/account-requests", Json
                .createObjectBuilder().add("accountId", accountId).add("purpose", "Our page since 2012")
                .add("contentOwnerId", department.owner().personId())
                .add("backupModeratorId", department.moderator().personId()).add("contentOwnerFte", 0.3).build()
                .toString()));
        assertEquals("EXISTING", request.getString("kind"));
        assertEquals("ACTIVE", request.getString("accountStatus"));
        Api.Reply approved = department.supervisor().api().post("/api/v1/account-requests/" + request
                .getString("id") + "/approval", decision("Approved after the fact"));
        assertEquals(200, approved.status(), approved::toString);
        JsonObject account = Api.admin().get("/api/v1/accounts/" + accountId).json();
        assertEquals("ACTIVE", account.getString("status"), "an account in use keeps its status");
        assertEquals(request.getString("id"), account.getString("approvalRequestId"));
        Api.Reply again = department.owner().api().post("/api/v1/account-requests", Json.createObjectBuilder()
                .add("accountId", accountId).add("purpose", "Again").add("contentOwnerId", department.owner()
                .personId()).add("backupModeratorId", department.moderator().personId()).add("contentOwnerFte", 0.3)
                .build().toString());
        assertProblem(again, 409, "conflict");
        assertEquals("ACTIVE", again.json().getString("currentState"));
    }

    @Test
    void a_request_names_two_active_people_of_the_department_and_one_real_account_once() {
        Department department = Department.create("BAD");
        Department other = Department.create("ELSE");
        Api api = department.owner().api();
        assertField(api.post("/api/v1/account-requests", department.request("0.5")
                .add("contentOwnerEmail", email(other.owner())).build().toString()), 422, "contentOwner");
        assertField(api.post("/api/v1/account-requests", department.request("0.5")
                .add("backupModeratorId", department.owner().personId()).build().toString()), 422, "backupModerator");
        assertField(api.post("/api/v1/account-requests", department.request("0").build().toString()), 400,
                "contentOwnerFte");
        assertField(api.post("/api/v1/account-requests", department.request("1.5").build().toString()), 400,
                "contentOwnerFte");
        assertField(api.post("/api/v1/account-requests", department.request("0.5").add("accountId",
                UUID.randomUUID().toString()).build().toString()), 400, "departmentId");
        assertProblem(other.owner().api().post("/api/v1/account-requests", department.request("0.5").build()
                .toString()), 403, "forbidden");
        JsonObject first = department.request("0.5").build();
        created(api.post("/api/v1/account-requests", first.toString()));
        assertProblem(api.post("/api/v1/account-requests", first.toString()), 409, "conflict");
    }

    @Test
    void supervisor_is_a_department_role_for_people_only() {
        String department = People.createDepartment("SUP-" + unique());
        Api.Reply token = People.admin().post("/api/v1/tokens", Json.createObjectBuilder().add("name", "supervisor")
                .add("role", "SUPERVISOR").add("departmentId", department).add("expiresAt",
                Instant.now().plusSeconds(3600).toString()).build().toString());
        assertField(token, 400, "role");
        People.Session member = People.member(department);
        assertField(People.admin().post("/api/v1/people/" + member.personId() + "/roles", "{\"role\":\"SUPERVISOR\"}"),
                400, "departmentId");
        People.grant(member.personId(), "SUPERVISOR", department);
        JsonObject session = member.api().get("/api/v1/session").json();
        assertEquals(List.of(department), session.getJsonArray("supervisedDepartments").getValuesAs(
                JsonString.class).stream().map(JsonString::getString).toList());
    }
}
