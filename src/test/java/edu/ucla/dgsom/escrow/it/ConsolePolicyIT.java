package edu.ucla.dgsom.escrow.it;

import static edu.ucla.dgsom.escrow.it.ConsoleAdministrationIT.START;
import static edu.ucla.dgsom.escrow.it.ConsoleIT.signIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console's policy pages in headless Chromium against the real service (docs/policy.md): a member requests an
 * account, a supervisor of the department approves it with the low-FTE acknowledgement, the content owner
 * acknowledges their duties; nobody decides their own request; a DGIT admin suspends, reinstates and retires an
 * account and logs a content action, and the department owner meets the suspension. Every new page is photographed
 * at phone and desktop width and checked with axe on the way.
 */
@ExtendWith(LiveService.class)
class ConsolePolicyIT {

    @Test
    void aMemberRequestsAnAccountItsSupervisorApprovesItAndTheContentOwnerAcknowledgesTheirDuties() throws Exception {
        String code = code();
        String department = People.createDepartment(code);
        People.SignInDetails member = People.signInDetails(department, null, null);
        People.SignInDetails contentOwner = People.signInDetails(department, null, null);
        String moderator = "moderator-" + code.toLowerCase();
        People.createPerson(department, moderator, "initial-password-1");
        People.SignInDetails supervisor = People.signInDetails(department, "SUPERVISOR", department);
        String name = "Requested " + code;
        try (Browser browser = new Browser()) {
            signIn(browser, member);
            browser.waitForHeading(START);
            browser.click("Requests");
            browser.waitForHeading("Account requests");
            browser.waitForText("You have not requested an account.");
            browser.check("requests");
            browser.click("Request an account");
            browser.waitForHeading("Request an account");
            assertEquals(department, browser.field("Department").getAttribute("value"), "their own department");
            fill(browser, "Instagram", name, contentOwner.username(), moderator, "0.1");
            browser.waitForText("Below 0.25 FTE: the supervisor will be asked to acknowledge");
            browser.check("request-new");
            browser.click("Send the request");
            browser.waitForHeading("Request for " + name);
            browser.waitForText("Waiting for a decision");
            assertTrue(browser.all("button").stream().noneMatch(b -> b.getText().strip().equals("Approve")),
                    "the requester is offered no decision");
            browser.check("request-pending");
            browser.click("Sign out");

            signIn(browser, supervisor);
            browser.waitForHeading(START);
            browser.waitForText("Account requests to decide (1)");
            browser.check("start-supervisor");
            browser.click(name);
            browser.waitForHeading("Request for " + name);
            browser.click("Approve");
            browser.waitForText("Write a comment: it is kept with the decision");
            browser.type("Comment", "A good plan; the FTE will grow next year.");
            browser.click("Approve");
            browser.waitForText("Tick this to approve a content owner below 0.25 FTE");
            browser.field("I acknowledge the content owner has less than 0.25 FTE for social media").click();
            browser.check("request-decide");
            browser.click("Approve");
            browser.waitForText("Approved: " + name + ".");
            browser.waitForText("approved — not yet escrowed");
            browser.check("request-approved");

            // A supervisor's own request waits for another supervisor: no button, and the API refuses it in words.
            browser.click("Account requests");
            browser.click("Request an account");
            browser.waitForHeading("Request an account");
            String own = "Own " + code;
            fill(browser, "YouTube", own, contentOwner.username(), moderator, "0.5");
            browser.click("Send the request");
            browser.waitForHeading("Request for " + own);
            browser.waitForText("You made this request: another supervisor of the department decides it.");
            assertTrue(browser.all("button").stream().noneMatch(b -> b.getText().strip().equals("Approve")));
            String requestId = browser.driver().getCurrentUrl().replaceAll(".*/requests/", "");
            String refused = browser.asyncScript("const done = arguments[arguments.length - 1];"
                    + "Promise.all([import('/console/api.js'), import('/console/components.js')]).then(([api, c]) =>"
                    + " api.requests.approve(arguments[0], 'Approving my own request', false)"
                    + " .then(() => done('approved'), e => { const w = c.explain(e); done(w.headline + ' ' + w.detail);"
                    + " }))", requestId);
            assertTrue(refused.startsWith("This was refused. Nobody decides their own request"), refused);
            browser.click("Sign out");

            signIn(browser, contentOwner);
            browser.waitForHeading(START);
            browser.waitForText("Your duties to acknowledge (1)");
            browser.check("start-duties");
            browser.click("Read the duties and acknowledge them");
            browser.waitForHeading("Your duties");
            browser.waitForText("Actively monitor postings.");
            browser.check("duties");
            // Duties name their account as the server describes it: name, platform and handle.
            String described = name + " (INSTAGRAM " + handle(name) + ")";
            browser.click("Acknowledge my duties as content owner of " + described);
            browser.waitForText("Acknowledged: your duties as content owner of " + described);
            browser.click(described);
            browser.waitForHeading(name);
            browser.waitForText("approved — not yet escrowed");
            browser.waitForText("Holders' duties");
            browser.check("account-approved");
        }
        JsonObject approved = People.admin().get("/api/v1/account-requests?departmentId=" + department
                + "&state=APPROVED").parse().asJsonArray().getJsonObject(0);
        assertTrue(approved.getBoolean("lowFteAcknowledged"), approved::toString);
        assertEquals("APPROVED", approved.getString("accountStatus"));
        JsonObject duty = People.admin().get("/api/v1/duties?accountId=" + approved.getString("accountId")).parse()
                .asJsonArray().getValuesAs(JsonObject.class).stream()
                .filter(d -> d.getString("duty").equals("CONTENT_OWNER")).findFirst().orElseThrow();
        assertEquals("ACKNOWLEDGED", duty.getString("state"), duty::toString);
    }

    @Test
    void aDgitAdminSuspendsAnAccountItsOwnerMeetsTheSuspensionAndDgitReinstatesItAndLogsAContentAction()
            throws Exception {
        ConsoleIT.Fixture fixture = new ConsoleIT.Fixture();
        String accountId = fixture.accountWithLogin(null);
        String name = "Console " + fixture.code;
        People.SignInDetails admin = People.signInDetails(fixture.department, "DGIT_ADMIN", null);
        try (Browser browser = new Browser()) {
            signIn(browser, admin);
            browser.waitForHeading(START);
            browser.open("/accounts/" + accountId);
            browser.waitForHeading(name);
            browser.waitForText("DGIT actions");
            browser.waitForText("None on record");
            browser.check("account-dgit");
            browser.type("Reason to suspend", "Posts under review by DGIT");
            browser.field("Rotate every credential now").click();
            browser.click("Suspend the account");
            browser.waitForText("Suspended: " + name + ".");
            browser.waitForText("This account is suspended");
            browser.click("Sign out");

            signIn(browser, fixture.owner);
            browser.waitForHeading(START);
            browser.open("/accounts/" + accountId);
            browser.waitForHeading(name);
            browser.waitForText("This account is suspended");
            browser.type("Why do you need it?", "Checking the suspended account");
            browser.click("Reveal Password");
            browser.waitForText("The account is suspended: only DGIT admins may");
            browser.check("account-suspended");
            browser.click("Sign out");

            signIn(browser, admin);
            browser.waitForHeading(START);
            browser.open("/accounts/" + accountId);
            browser.waitForHeading(name);
            browser.type("Reason to reinstate", "Review finished, all clear");
            browser.click("Reinstate the account");
            browser.waitForText("Reinstated: " + name + ".");
            browser.type("What DGIT did on the platform", "Removed a post that showed a patient");
            browser.click("Log the content action");
            browser.waitForText("Content action logged.");
            browser.waitUntil(d -> d.findElements(By.cssSelector("table.content-actions td")).stream()
                    .anyMatch(td -> td.getText().contains("Removed a post that showed a patient")));
            browser.type("Reason to retire", "short");
            browser.click("Retire the account");
            browser.waitForText("Say why, in at least 10 characters.");
            browser.type("Reason to retire", "The department closed this account");
            browser.click("Retire the account");
            browser.waitForText("Retire " + name + " now");
            browser.check("account-content-action");
            browser.click("Keep it");
        }
        JsonObject account = People.admin().get("/api/v1/accounts/" + accountId).json();
        assertEquals("ACTIVE", account.getString("status"), "reinstated, and kept at the second step");
        assertEquals(1, People.admin().get("/api/v1/accounts/" + accountId + "/content-actions").parse().asJsonArray()
                .size());
    }

    @Test
    void aDepartmentOwnerReadsTheComplianceReportAndAttestsItReadingItAgainWhenItChanged() throws Exception {
        ConsoleIT.Fixture fixture = new ConsoleIT.Fixture();
        String accountId = fixture.accountWithLogin(null);
        String name = "Console " + fixture.code;
        JsonObject attestation = AttestationIT.awaitAttestation(People.admin(), fixture.department);
        String corrections = "The backup moderator left in May; a new one is named next week.";
        try (Browser browser = new Browser()) {
            signIn(browser, fixture.owner);
            browser.waitForHeading(START);
            browser.waitForText("Reports to attest (1)");
            browser.check("start-attest");
            browser.click("Compliance");
            browser.waitForHeading("Compliance report");
            browser.waitForText("Results per check");
            browser.waitForText(name);
            browser.waitForText("Approved by a supervisor: active with no approval");
            browser.check("compliance");
            String csv = browser.find("a[download]").getAttribute("href");
            assertTrue(csv.endsWith("/api/v1/compliance/report?departmentId=" + fixture.department + "&format=csv"),
                    csv);

            browser.click("Attestations");
            browser.waitForHeading("Attestations");
            browser.click("Department " + fixture.code);
            browser.waitForText("The report to attest");
            browser.click("Attest the report");
            browser.waitForText("Say whether the report is correct.");
            browser.waitForText("Tick this once you have read the report.");
            browser.select("Your verdict", "The report needs corrections");
            browser.type("Corrections", corrections);
            // DGIT suspends the account while the owner reads: what they read is no longer the report.
            Api.Reply suspended = People.admin().post("/api/v1/accounts/" + accountId + "/suspension",
                    "{\"reason\":\"Posts under review by DGIT\"}");
            assertEquals(200, suspended.status(), suspended::toString);
            WebElement read = browser.waitUntil(d -> browser.all("input[type=checkbox]").stream()
                    .filter(box -> box.isDisplayed()).findFirst().orElse(null));
            read.click();
            browser.click("Attest the report");
            browser.waitForText("The report changed since you read it.");
            browser.waitForText("suspended since");
            assertFalse(read.isSelected(), "to be read again");
            browser.check("attest-changed");
            read.click();
            browser.click("Attest the report");
            browser.waitForText("Attested: the report of Department " + fixture.code);
            browser.waitForText("Download the exact report attested (CSV)");
            browser.waitForText(corrections);
            browser.check("attested");
        }
        JsonObject attested = People.admin().get("/api/v1/attestations/" + attestation.getString("id")).json();
        assertEquals("ATTESTED", attested.getString("state"), attested::toString);
        assertEquals("CORRECTIONS", attested.getString("verdict"));
        assertEquals(corrections, attested.getString("corrections"));
        assertEquals(fixture.owner.personId(), attested.getString("attestedBy"));
        Api.Reply now = People.admin().get("/api/v1/compliance/report?format=csv&departmentId=" + fixture.department);
        assertEquals(now.header("X-Report-Digest"), attested.getString("reportDigest"), "the report as it is now");
    }

    @Test
    void anOwnerGivesAnAccountItsOwnRotationIntervalAndTheStartPageListsItOnceDueSoon() throws Exception {
        ConsoleIT.Fixture fixture = new ConsoleIT.Fixture();
        String accountId = fixture.accountWithLogin(null);
        String name = "Console " + fixture.code;
        try (Browser browser = new Browser()) {
            signIn(browser, fixture.owner);
            browser.waitForHeading(START);
            browser.open("/accounts/" + accountId);
            browser.waitForHeading(name);
            browser.waitForText("Every 180 days (the default)");
            browser.type("Rotate every (days)", "0");
            browser.click("Set the interval");
            browser.waitForText("A whole number of days, 1 to 730.");
            browser.waitForText("Say why: it is kept in the audit trail.");
            browser.type("Rotate every (days)", "7");
            browser.type("Why this interval", "Shared with an agency: rotated weekly");
            browser.click("Set the interval");
            browser.waitForText("The account is now rotated every 7 days.");
            browser.waitForText("Every 7 days (its own)");
            browser.check("account-rotation-interval");
            browser.click("Start");
            browser.waitForHeading(START);
            browser.waitForText("Rotations due within two weeks or overdue");
            browser.waitUntil(d -> d.findElements(By.cssSelector(".attention a")).stream()
                    .anyMatch(a -> a.getText().strip().equals(name)));
            browser.open("/accounts/" + accountId);
            browser.waitForHeading(name);
            browser.click("Use the platform's or the default interval");
            browser.waitForText("The account follows the default interval again: every 180 days.");
        }
        JsonObject account = People.admin().get("/api/v1/accounts/" + accountId).json();
        assertEquals("DEFAULT", account.getString("rotationIntervalSource"), account::toString);
        assertEquals(1, TestDatabase.auditCount("action = 'ROTATION_INTERVAL' AND target_id = '" + accountId
                + "' AND reason = 'Shared with an agency: rotated weekly'"), "the reason is in the trail");
    }

    /** Fills the form for a new account, its holders named by e-mail (as those who may not read the directory). */
    private static void fill(Browser browser, String platform, String name, String contentOwner, String moderator,
            String fte) {
        browser.select("Platform", platform).type("Handle", handle(name))
                .type("Display name", name).type("Purpose", "News of the department for patients and staff")
                .type("Content owner (institutional e-mail)", contentOwner + "@example.edu")
                .type("Backup moderator (institutional e-mail)", moderator + "@example.edu")
                .type("Content owner's FTE for social media", fte);
    }

    private static String handle(String name) {
        return "@" + name.toLowerCase().replace(' ', '-');
    }

    private static String code() {
        return UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    }
}
