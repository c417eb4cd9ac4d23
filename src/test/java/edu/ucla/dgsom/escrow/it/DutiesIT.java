package edu.ucla.dgsom.escrow.it;

import static edu.ucla.dgsom.escrow.it.CredentialsIT.assertField;
import static edu.ucla.dgsom.escrow.it.PlatformIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The duties of content owners and backup moderators (policy I.2) and their acknowledgement, over HTTP. */
@ExtendWith(LiveService.class)
class DutiesIT {

    private static List<JsonObject> duties(Api api, String query) {
        Api.Reply reply = api.get("/api/v1/duties" + query);
        assertEquals(200, reply.status(), reply::toString);
        return reply.parse().asJsonArray().getValuesAs(JsonObject.class);
    }

    private static JsonObject dutyOf(Api api, String accountId) {
        return duties(api, "").stream().filter(d -> d.getString("accountId").equals(accountId)).findFirst()
                .orElseThrow();
    }

    private static Api.Reply acknowledge(Api api, JsonObject duty, String version) {
        return api.post("/api/v1/duties/" + duty.getString("id") + "/acknowledgement",
                Json.createObjectBuilder().add("policyVersion", version).build().toString());
    }

    private static String currentVersion() {
        return Api.live().bearer(People.token("AUDITOR")).get("/api/v1/duties/policy").json().getString("version");
    }

    @Test
    void holders_acknowledge_the_duties_of_the_current_policy_version_once() throws Exception {
        CredentialsIT.Fixture fixture = CredentialsIT.Fixture.create("DUTY");
        JsonObject policy = fixture.contentOwner().api().get("/api/v1/duties/policy").json();
        assertEquals("2017-10-11", policy.getString("version"), "the policy's last revision");
        assertEquals(List.of("PRIVACY_HIPAA", "ACCURACY", "CONSENT", "MONITORING"), policy.getJsonArray("duties")
                .getValuesAs(JsonObject.class).stream().map(d -> d.getString("code")).toList());
        JsonObject duty = dutyOf(fixture.contentOwner().api(), fixture.accountId());
        assertEquals("CONTENT_OWNER", duty.getString("duty"));
        assertEquals("AWAITING", duty.getString("state"));
        assertFalse(duty.getBoolean("overdue"));
        assertEquals("AWAITING", dutyOf(fixture.moderator().api(), fixture.accountId()).getString("state"),
                "the backup moderator has duties of their own");

        Api.Reply acknowledged = acknowledge(fixture.contentOwner().api(), duty, "2017-10-11");
        assertEquals(200, acknowledged.status(), acknowledged::toString);
        assertEquals("ACKNOWLEDGED", acknowledged.json().getString("state"));
        assertEquals("2017-10-11", acknowledged.json().getString("policyVersion"));
        assertEquals(1, TestDatabase.auditCount("action = 'DUTY_ACKNOWLEDGE' AND outcome = 'ALLOWED' AND target_id = '"
                + duty.getString("id") + "' AND details LIKE '%2017-10-11%'"));
        Api.Reply again = acknowledge(fixture.contentOwner().api(), duty, "2017-10-11");
        assertProblem(again, 409, "conflict");
        assertEquals("ACKNOWLEDGED", again.json().getString("currentState"));
    }

    @Test
    void only_the_holder_acknowledges_and_only_the_current_version() {
        CredentialsIT.Fixture fixture = CredentialsIT.Fixture.create("DUTYWHO");
        JsonObject duty = dutyOf(fixture.contentOwner().api(), fixture.accountId());
        assertProblem(acknowledge(fixture.moderator().api(), duty, currentVersion()), 404, "not-found");
        assertProblem(acknowledge(People.dgitAdmin(fixture.departmentId()).api(), duty, currentVersion()), 403,
                "forbidden");
        assertField(acknowledge(fixture.contentOwner().api(), duty, "2016-08-31"), 422, "policyVersion");
        assertEquals("AWAITING", dutyOf(fixture.contentOwner().api(), fixture.accountId()).getString("state"));
    }

    @Test
    void a_new_holder_gets_a_new_duty_and_the_replaced_one_ends() {
        CredentialsIT.Fixture fixture = CredentialsIT.Fixture.create("DUTYNEW");
        People.Session successor = People.member(fixture.departmentId());
        Api.Reply reassigned = fixture.owner().api().send("PATCH", "/api/v1/accounts/" + fixture.accountId(),
                Json.createObjectBuilder().add("contentOwnerId", successor.personId()).add("reason",
                "The content owner moved to another team").build().toString(), "Content-Type", "application/json");
        assertEquals(200, reassigned.status(), reassigned::toString);
        List<JsonObject> ofAccount = duties(fixture.owner().api(), "?accountId=" + fixture.accountId());
        assertEquals(3, ofAccount.size(), ofAccount::toString);
        assertTrue(ofAccount.stream().anyMatch(d -> d.getString("personId").equals(fixture.contentOwner().personId())
                && d.getString("state").equals("ENDED")), ofAccount::toString);
        assertEquals("AWAITING", dutyOf(successor.api(), fixture.accountId()).getString("state"));
        assertEquals(List.of(), duties(People.member(fixture.departmentId()).api(), "?accountId="
                + fixture.accountId()), "another account's duties are not listed to a stranger");
        assertProblem(successor.api().get("/api/v1/duties?personId=" + fixture.moderator().personId()), 403,
                "forbidden");
    }

    @Test
    void retiring_the_account_ends_its_duties() {
        CredentialsIT.Fixture fixture = CredentialsIT.Fixture.create("DUTYRET");
        Api.Reply retired = Api.admin().post("/api/v1/accounts/" + fixture.accountId() + "/retirement",
                "{\"reason\":\"The page is closed for good\"}");
        assertEquals(200, retired.status(), retired::toString);
        assertTrue(duties(Api.admin(), "?accountId=" + fixture.accountId()).stream()
                .allMatch(d -> d.getString("state").equals("ENDED")));
    }

    @Test
    void a_duty_unacknowledged_for_14_days_is_overdue_and_its_holder_reminded_once() throws Exception {
        CredentialsIT.Fixture fixture = CredentialsIT.Fixture.create("DUTYLATE");
        JsonObject duty = dutyOf(fixture.contentOwner().api(), fixture.accountId());
        String holder = Api.admin().get("/api/v1/people/" + fixture.contentOwner().personId()).json()
                .getString("email");
        TestDatabase.update("UPDATE escrow.holder_duty SET assigned_at = UTC_TIMESTAMP(6) - INTERVAL 15 DAY"
                + " WHERE id = '" + duty.getString("id") + "'");
        assertTrue(dutyOf(fixture.contentOwner().api(), fixture.accountId()).getBoolean("overdue"));

        String body = AccountRequestsIT.awaitMailTo(holder, "Acknowledge your duties").getContent().toString();
        assertTrue(body.contains("content owner") && body.contains("HIPAA"), body);
        Thread.sleep(3_000); // three more ticks of the reminder timer: nothing is sent again
        long toHolder = 0;
        for (MimeMessage message : LiveService.mail().getReceivedMessages()) {
            toHolder += message.getAllRecipients()[0].toString().equals(holder) ? 1 : 0;
        }
        assertEquals(1, toHolder, "one reminder, however many ticks");
        assertEquals(1, TestDatabase.count("SELECT COUNT(*) FROM escrow.reminder_sent WHERE topic = 'DUTY'"
                + " AND subject_id = '" + duty.getString("id") + "'"));
        assertEquals(1, TestDatabase.auditCount("action = 'POLICY_REMINDER' AND target_id = '" + duty.getString("id")
                + "'"));
    }
}
