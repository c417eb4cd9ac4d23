package edu.ucla.dgsom.escrow.it;

import static edu.ucla.dgsom.escrow.it.AccountRequestsIT.awaitMailTo;
import static edu.ucla.dgsom.escrow.it.CredentialsIT.assertField;
import static edu.ucla.dgsom.escrow.it.PlatformIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** DGIT's suspension, reinstatement and retirement of an account, and its content actions (policy II), over HTTP. */
@ExtendWith(LiveService.class)
class SuspensionIT {

    private static CredentialsIT.Fixture escrowed(String code) {
        CredentialsIT.Fixture fixture = CredentialsIT.Fixture.create(code);
        Api.Reply stored = CredentialsIT.rotate(fixture.owner().api(), fixture, 0, Json.createObjectBuilder()
                .add("reason", "Escrow the account's credentials").add("loginIdentifier", "dgsom")
                .add("password", TestSecrets.remember("Pw-" + UUID.randomUUID())));
        assertEquals(201, stored.status(), stored::toString);
        return fixture;
    }

    private static String change(String reason) {
        return Json.createObjectBuilder().add("reason", reason).build().toString();
    }

    private static String email(People.Session person) {
        return Api.admin().get("/api/v1/people/" + person.personId()).json().getString("email");
    }

    @Test
    void a_suspended_account_is_revealed_only_by_dgit_admins_and_its_people_are_told() throws Exception {
        CredentialsIT.Fixture fixture = escrowed("SUSP");
        String path = "/api/v1/accounts/" + fixture.accountId();
        Api.Reply suspended = Api.admin().post(path + "/suspension", Json.createObjectBuilder()
                .add("reason", "A post showed a patient without consent").add("rotateCredentials", true).build()
                .toString());
        assertEquals(200, suspended.status(), suspended::toString);
        assertEquals("SUSPENDED", suspended.json().getString("status"));
        assertEquals("A post showed a patient without consent", suspended.json().getString("statusReason"));
        assertTrue(suspended.json().containsKey("rotationRequiredSince"), "every credential flagged now");
        for (People.Session told : new People.Session[] {fixture.owner(), fixture.contentOwner(),
            fixture.moderator()}) {
            String body = awaitMailTo(email(told), "suspended").getContent().toString();
            assertTrue(body.contains("A post showed a patient without consent"), body);
        }

        for (People.Session refused : new People.Session[] {fixture.owner(), fixture.contentOwner()}) {
            String request = UUID.randomUUID().toString();
            assertProblem(refused.api().post(fixture.path("/reveal"), Json.createObjectBuilder()
                    .add("reason", "Need to post the weekly update").build().toString(), "X-Request-Id", request),
                    403, "forbidden");
            assertEquals(1, TestDatabase.auditCount("request_id = '" + request + "' AND action = 'CREDENTIAL_REVEAL'"
                    + " AND outcome = 'DENIED' AND details LIKE '%account suspended%'"));
            assertEquals(200, refused.api().get(path).status(), "the account itself stays readable");
        }
        People.Session admin = People.dgitAdmin(fixture.departmentId());
        assertEquals(200, CredentialsIT.reveal(admin.api(), fixture, "Review the suspended account").status());

        Api.Reply reinstated = Api.admin().post(path + "/reinstatement", change("The post was removed and reviewed"));
        assertEquals(200, reinstated.status(), reinstated::toString);
        assertEquals("ACTIVE", reinstated.json().getString("status"), "back to the status it had");
        assertEquals(200, CredentialsIT.reveal(fixture.contentOwner().api(), fixture, "Rotate after reinstatement")
                .status());
        assertEquals(1, TestDatabase.auditCount("action = 'ACCOUNT_REINSTATE' AND target_id = '"
                + fixture.accountId() + "' AND outcome = 'ALLOWED'"));
    }

    @Test
    void a_transition_the_status_does_not_allow_is_a_conflict_naming_it_and_only_dgit_governs() throws Exception {
        CredentialsIT.Fixture fixture = escrowed("CONFL");
        String path = "/api/v1/accounts/" + fixture.accountId();
        Api.Reply reinstated = Api.admin().post(path + "/reinstatement", change("Nothing to reinstate here"));
        assertProblem(reinstated, 409, "conflict");
        assertEquals("ACTIVE", reinstated.json().getString("currentState"), reinstated::toString);
        assertEquals(1, TestDatabase.auditCount("action = 'ACCOUNT_REINSTATE' AND target_id = '"
                + fixture.accountId() + "' AND outcome = 'DENIED'"));
        assertProblem(fixture.owner().api().post(path + "/suspension", change("An owner tries to suspend")), 403,
                "forbidden");
        assertField(Api.admin().post(path + "/suspension", change("short")), 400, "reason");
        assertField(Api.admin().post(path + "/retirement", Json.createObjectBuilder().add("reason",
                "The department closed the page").add("rotateCredentials", true).build().toString()), 400,
                "rotateCredentials");
    }

    @Test
    void content_actions_are_logged_on_the_account_as_text() {
        CredentialsIT.Fixture fixture = escrowed("CONTENT");
        String path = "/api/v1/accounts/" + fixture.accountId() + "/content-actions";
        Instant yesterday = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Api.Reply logged = Api.admin().post(path, Json.createObjectBuilder()
                .add("description", "Removed the post of 2 December with a patient's photo")
                .add("takenAt", yesterday.toString()).build().toString());
        assertEquals(201, logged.status(), logged::toString);
        assertEquals(yesterday, Instant.parse(logged.json().getString("takenAt")));
        String actionPath = path + "/" + logged.json().getString("id");
        assertTrue(logged.header("Location").endsWith(actionPath), logged::toString);
        assertEquals(logged.json(), fixture.owner().api().get(actionPath).json());
        JsonObject listed = fixture.contentOwner().api().get(path).parse().asJsonArray().getJsonObject(0);
        assertEquals("Removed the post of 2 December with a patient's photo", listed.getString("description"));
        assertProblem(fixture.owner().api().post(path, "{\"description\":\"Changed the bio\"}"), 403, "forbidden");
        assertField(Api.admin().post(path, Json.createObjectBuilder().add("description", "Later")
                .add("takenAt", Instant.now().plus(1, ChronoUnit.DAYS).toString()).build().toString()), 400, "takenAt");
    }

    @Test
    void a_retired_account_is_gone_for_everyone_but_dgit_and_auditors_and_keeps_its_history() {
        CredentialsIT.Fixture fixture = escrowed("RETIRE");
        String path = "/api/v1/accounts/" + fixture.accountId();
        Api.Reply retired = Api.admin().post(path + "/retirement", change("The lab closed; the page is archived"));
        assertEquals(200, retired.status(), retired::toString);
        assertEquals("RETIRED", retired.json().getString("status"));
        for (People.Session gone : new People.Session[] {fixture.owner(), fixture.contentOwner()}) {
            assertProblem(gone.api().get(path), 404, "not-found");
            assertEquals(0, gone.api().get("/api/v1/accounts?department=" + fixture.departmentId()).json()
                    .getJsonArray("items").size());
        }
        People.Session admin = People.dgitAdmin(fixture.departmentId());
        assertEquals(200, CredentialsIT.reveal(admin.api(), fixture, "Recover the archived page's login").status());
        assertEquals(1, admin.api().get(fixture.path("/versions")).parse().asJsonArray().size(), "history kept");
        Api.Reply again = Api.admin().post(path + "/retirement", change("The lab closed; the page is archived"));
        assertProblem(again, 409, "conflict");
        assertEquals("RETIRED", again.json().getString("currentState"));
    }
}
