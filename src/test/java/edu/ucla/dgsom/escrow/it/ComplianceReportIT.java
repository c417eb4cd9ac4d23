package edu.ucla.dgsom.escrow.it;

import static edu.ucla.dgsom.escrow.it.PlatformIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.ucla.dgsom.escrow.security.Secrets;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The compliance report (docs/policy.md) over HTTP: who reads which, each check failing for the reason it names, the
 * summary, and the CSV with its digest. One department with an account failing each way, made once for the class.
 */
@ExtendWith(LiveService.class)
class ComplianceReportIT {

    private static CredentialsIT.Fixture fixture;
    private static People.Session supervisor;
    /** The fixture's account: escrowed without an approval, a gmail recovery e-mail, a holder who never acknowledged. */
    private static String unapproved;
    private static String approvedUnescrowed;
    private static String totpWithoutSeed;
    private static String overdue;
    private static String suspended;
    private static String retired;

    @BeforeAll
    static void department() throws Exception {
        fixture = CredentialsIT.Fixture.create("COMPLY");
        supervisor = People.member(fixture.departmentId());
        People.grant(supervisor.personId(), "SUPERVISOR", fixture.departmentId());
        unapproved = fixture.accountId();
        escrow(unapproved, Json.createObjectBuilder().add("recoveryEmail", TestSecrets.remember("dgsom.social."
                + unique() + "@gmail.com")).add("recoveryPhone", TestSecrets.remember("+1 310 825 " + digits())));
        TestDatabase.update("UPDATE escrow.holder_duty SET assigned_at = UTC_TIMESTAMP(6) - INTERVAL 15 DAY"
                + " WHERE account_id = '" + unapproved + "' AND duty = 'CONTENT_OWNER'");
        approvedUnescrowed = approvedRequest();
        totpWithoutSeed = register("totp");
        escrow(totpWithoutSeed, Json.createObjectBuilder());
        Api.Reply stated = fixture.owner().api().send("PATCH", "/api/v1/accounts/" + totpWithoutSeed,
                "{\"platformMfa\":\"TOTP\"}", "Content-Type", "application/merge-patch+json");
        assertEquals(200, stated.status(), stated::toString);
        assertEquals("TOTP", stated.json().getString("platformMfa"));
        overdue = register("overdue");
        escrow(overdue, Json.createObjectBuilder());
        TestDatabase.update("UPDATE escrow.official_account SET rotation_required_since = UTC_TIMESTAMP(6) - INTERVAL"
                + " 10 DAY, rotation_due_at = UTC_TIMESTAMP(6) - INTERVAL 1 DAY WHERE id = '" + overdue + "'");
        suspended = register("suspended");
        escrow(suspended, Json.createObjectBuilder());
        assertEquals(200, Api.admin().post("/api/v1/accounts/" + suspended + "/suspension", Json.createObjectBuilder()
                .add("reason", "Posts under review by DGIT").add("rotateCredentials", false).build().toString())
                .status());
        retired = register("retired");
        assertEquals(200, Api.admin().post("/api/v1/accounts/" + retired + "/retirement", Json.createObjectBuilder()
                .add("reason", "The channel is no longer used").build().toString()).status());
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String digits() {
        return String.format("%04d", (int) (Math.random() * 10_000));
    }

    private static String register(String label) {
        return register(fixture, "Compliance " + label);
    }

    private static String register(CredentialsIT.Fixture in, String displayName) {
        Api.Reply created = in.owner().api().post("/api/v1/accounts", Json.createObjectBuilder()
                .add("platform", "instagram").add("handle", "@comply-" + unique())
                .add("displayName", displayName).add("departmentId", in.departmentId())
                .add("contentOwnerId", in.contentOwner().personId())
                .add("backupModeratorId", in.moderator().personId()).build().toString());
        assertEquals(201, created.status(), created::toString);
        return created.json().getString("id");
    }

    private static void escrow(String accountId, JsonObjectBuilder fields) {
        Api.Reply stored = fixture.owner().api().send("PUT", "/api/v1/accounts/" + accountId + "/credentials",
                fields.add("reason", "Escrow the account's credentials").add("password",
                        TestSecrets.remember("Pw-" + UUID.randomUUID())).build().toString(),
                "Content-Type", "application/json", "If-Match", "\"0\"");
        assertEquals(201, stored.status(), stored::toString);
    }

    /** A new account a supervisor approved: APPROVED, nothing escrowed yet. */
    private static String approvedRequest() {
        Api.Reply requested = fixture.owner().api().post("/api/v1/account-requests", Json.createObjectBuilder()
                .add("departmentId", fixture.departmentId()).add("platform", "INSTAGRAM")
                .add("handle", "@comply-approved-" + unique()).add("displayName", "Compliance approved " + unique())
                .add("purpose", "A channel for the department's patients and alumni")
                .add("contentOwnerId", fixture.contentOwner().personId())
                .add("backupModeratorId", fixture.moderator().personId()).add("contentOwnerFte", new BigDecimal("0.5"))
                .build().toString());
        assertEquals(201, requested.status(), requested::toString);
        Api.Reply approved = supervisor.api().post("/api/v1/account-requests/" + requested.json().getString("id")
                + "/approval", Json.createObjectBuilder().add("comment", "Approved for the compliance report")
                .build().toString());
        assertEquals(200, approved.status(), approved::toString);
        return approved.json().getString("accountId");
    }

    private static JsonObject report(Api api, String query) {
        Api.Reply reply = api.get("/api/v1/compliance/report" + query);
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    private static Map<String, JsonObject> rows(JsonObject report) {
        return report.getJsonArray("rows").getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(row -> row.getString("accountId"), row -> row.getJsonObject("checks")));
    }

    private static void assertCheck(JsonObject checks, String check, String result, String finding) {
        JsonObject found = checks.getJsonObject(check);
        assertEquals(result, found.getString("result"), check + ": " + found);
        assertTrue(found.getString("finding").startsWith(finding), check + ": " + found);
    }

    @Test
    void an_owner_reads_their_departments_report_as_json_and_csv_with_one_digest() {
        JsonObject json = report(fixture.owner().api(), "?departmentId=" + fixture.departmentId());
        assertEquals(fixture.departmentId(), json.getString("departmentId"));
        Api.Reply csv = fixture.owner().api().get("/api/v1/compliance/report?format=csv&departmentId="
                + fixture.departmentId());
        assertEquals(200, csv.status(), csv::toString);
        assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
        byte[] bytes = csv.body().getBytes(StandardCharsets.UTF_8);
        assertEquals(Secrets.sha256Hex(bytes), csv.header("X-Report-Digest"));
        assertEquals(json.getString("digest"), csv.header("X-Report-Digest"), "the JSON names the CSV's digest");
        String[] lines = csv.body().split("\r\n", -1);
        assertEquals(6 + 1, lines.length, "a header, five accounts (not the retired one), nothing after the last"
                + " CRLF: " + csv.body());
        List<String> ids = List.of(lines).subList(1, 6).stream().map(line -> line.substring(1, 37)).toList();
        assertEquals(ids.stream().sorted().toList(), ids, "rows sorted by account id");
        assertFalse(csv.body().contains(retired));
        assertFalse(csv.body().matches("(?s).*\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+Z.*"),
                "no generation timestamp in the CSV");
        assertEquals(json.getString("digest"), report(fixture.owner().api(), "?departmentId="
                + fixture.departmentId()).getString("digest"), "unchanged facts, unchanged digest");
    }

    @Test
    void an_owner_names_a_department_and_another_departments_report_is_not_found() {
        assertProblem(fixture.owner().api().get("/api/v1/compliance/report"), 400, "validation-failed");
        People.Session otherOwner = People.departmentOwner(People.createDepartment("COMPLY2-" + unique()));
        assertProblem(otherOwner.api().get("/api/v1/compliance/report?departmentId=" + fixture.departmentId()), 404,
                "not-found");
        assertProblem(fixture.contentOwner().api().get("/api/v1/compliance/report?departmentId="
                + fixture.departmentId()), 403, "forbidden");
        assertProblem(Api.admin().get("/api/v1/compliance/report?format=xlsx"), 400, "validation-failed");
    }

    @Test
    void dgit_and_auditors_read_the_whole_school() {
        for (Api reader : List.of(Api.admin(), Api.live().bearer(People.token("AUDITOR")))) {
            JsonObject school = report(reader, "");
            assertFalse(school.containsKey("departmentId") && !school.isNull("departmentId"), school::toString);
            Map<String, JsonObject> rows = rows(school);
            assertTrue(rows.keySet().containsAll(List.of(unapproved, approvedUnescrowed, totpWithoutSeed, overdue,
                    suspended)), "every department's accounts");
            assertFalse(rows.containsKey(retired), "a retired account is not reported");
            assertEquals(5, rows(report(reader, "?departmentId=" + fixture.departmentId())).size());
        }
    }

    @Test
    void each_check_fails_for_the_reason_it_names() {
        Map<String, JsonObject> rows = rows(report(Api.admin(), "?departmentId=" + fixture.departmentId()));
        assertCheck(rows.get(unapproved), "approved", "FAIL", "active with no approval");
        assertCheck(rows.get(unapproved), "recoveryEmailInstitutional", "FAIL", "the recovery e-mail is not"
                + " institutional");
        assertCheck(rows.get(unapproved), "recoveryPhoneInstitutional", "PASS", "the recovery phone is institutional");
        assertCheck(rows.get(unapproved), "contentOwner", "FAIL", "duties not acknowledged");
        assertCheck(rows.get(unapproved), "backupModerator", "PENDING", "duties to acknowledge by");
        assertCheck(rows.get(unapproved), "mfaSeedEscrowed", "UNKNOWN", "the platform's MFA is not stated");
        assertCheck(rows.get(unapproved), "departmentOwnerCanReveal", "PASS", "an active department owner with MFA");
        assertCheck(rows.get(unapproved), "dgitCanReveal", "PASS", "an active DGIT admin with MFA");
        assertCheck(rows.get(approvedUnescrowed), "approved", "PASS", "approved on");
        assertCheck(rows.get(approvedUnescrowed), "dgitCanReveal", "FAIL", "nothing escrowed yet");
        assertCheck(rows.get(approvedUnescrowed), "departmentOwnerCanReveal", "FAIL", "nothing escrowed yet");
        assertCheck(rows.get(totpWithoutSeed), "mfaSeedEscrowed", "FAIL", "TOTP on the platform, no seed escrowed");
        assertCheck(rows.get(totpWithoutSeed), "recoveryEmailInstitutional", "FAIL", "no recovery e-mail escrowed");
        assertCheck(rows.get(overdue), "rotationNotOverdue", "FAIL", "rotation overdue since");
        assertCheck(rows.get(totpWithoutSeed), "rotationNotOverdue", "PASS", "rotation due by");
        assertCheck(rows.get(suspended), "notSuspended", "FAIL", "suspended since");
        assertCheck(rows.get(suspended), "departmentOwnerCanReveal", "FAIL", "suspended: only DGIT admins reveal");
        assertCheck(rows.get(suspended), "dgitCanReveal", "PASS", "an active DGIT admin with MFA");
        assertCheck(rows.get(overdue), "notSuspended", "PASS", "not suspended");
    }

    @Test
    void the_summary_counts_each_result_and_departments_without_a_supervisor_are_named() {
        JsonObject report = report(fixture.owner().api(), "?departmentId=" + fixture.departmentId());
        JsonObject summary = report.getJsonObject("summary");
        assertEquals(Json.createObjectBuilder().add("PASS", 4).add("FAIL", 1).add("PENDING", 0).add("UNKNOWN", 0)
                .build(), summary.getJsonObject("notSuspended"));
        assertEquals(Json.createObjectBuilder().add("PASS", 1).add("FAIL", 4).add("PENDING", 0).add("UNKNOWN", 0)
                .build(), summary.getJsonObject("approved"), "only the approved request's account is approved");
        assertEquals(Json.createObjectBuilder().add("PASS", 0).add("FAIL", 1).add("PENDING", 0).add("UNKNOWN", 4)
                .build(), summary.getJsonObject("mfaSeedEscrowed"), "only one account states its platform's MFA");
        assertEquals(10, summary.size());
        assertEquals(List.of(), report.getJsonArray("departmentsWithoutSupervisor").getValuesAs(JsonString.class),
                "the department has a supervisor");
        String unsupervised = People.createDepartment("COMPLY3-" + unique());
        People.Session owner = People.departmentOwner(unsupervised);
        assertEquals(List.of(unsupervised), report(owner.api(), "?departmentId=" + unsupervised)
                .getJsonArray("departmentsWithoutSupervisor").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList());
    }

    @Test
    void csv_cells_that_start_with_a_formula_character_cannot_run_in_a_spreadsheet() {
        CredentialsIT.Fixture other = CredentialsIT.Fixture.create("FORMULA");
        register(other, "=HYPERLINK(\"http://evil.example\",\"x\")");
        for (String prefix : List.of("+", "-", "@")) {
            register(other, prefix + "cmd|' /C calc'!A0");
        }
        String csv = other.owner().api().get("/api/v1/compliance/report?format=csv&departmentId="
                + other.departmentId()).body();
        assertTrue(csv.contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\","), csv);
        for (String prefix : List.of("+", "-", "@")) {
            assertTrue(csv.contains(",\"'" + prefix + "cmd|' /C calc'!A0\","), csv);
        }
        for (String cell : csv.split("\r\n|,")) {
            assertFalse(cell.matches("\"?[=+@-].*"), "a cell a spreadsheet would run: " + cell);
        }
    }
}
