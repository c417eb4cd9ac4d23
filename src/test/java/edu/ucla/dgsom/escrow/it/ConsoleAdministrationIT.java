package edu.ucla.dgsom.escrow.it;

import static edu.ucla.dgsom.escrow.it.ConsoleIT.signIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console's administration and oversight pages in headless Chromium against the real service, each signed in as
 * the role that does the work: HR staff offboard and the successor confirms; a DGIT admin manages people, roles,
 * tokens and keys; an auditor searches, verifies and exports the trail; a department owner sees only their
 * department. Every page is photographed at phone and desktop width and checked with axe on the way.
 */
@ExtendWith(LiveService.class)
class ConsoleAdministrationIT {

    /** The start page's heading, where every sign-in lands. */
    static final String START = "What needs your attention";

    @Test
    void hrStaffStartAnOffboardingAndTheSuccessorConfirmsWhatTheyNowHoldFromTheirStartPage() throws Exception {
        ConsoleIT.Fixture fixture = new ConsoleIT.Fixture();
        fixture.accountWithLogin(null);
        People.SignInDetails hr = People.signInDetails(fixture.department, "HR_STAFF", null);
        People.SignInDetails successor = People.signInDetails(fixture.department, null, null);
        String leaver = "Person " + fixture.contentOwnerName;
        String employeeId = People.admin().get("/api/v1/people/" + fixture.contentOwner).json()
                .getString("employeeId");
        try (Browser browser = new Browser()) {
            signIn(browser, hr);
            browser.waitForHeading(START);
            browser.waitForText("Open offboarding cases");
            browser.check("start-hr-staff");
            browser.click("Offboarding");
            browser.waitForHeading("Offboarding");
            browser.check("offboardings");

            browser.click("Start an offboarding");
            browser.waitForHeading("Start an offboarding");
            browser.select("Department", "Department " + fixture.code);
            browser.select("Person leaving", leaver + " (" + employeeId + ")");
            browser.select("Successor", "Person " + successor.username());
            browser.type("HR reference", "HR-" + fixture.code);
            browser.click("Start the offboarding");
            browser.waitForText("Confirm that you mean to end this person's access.");
            browser.field("I mean to end " + leaver + "'s access at the effective time").click();
            browser.check("offboarding-new");
            browser.click("Start the offboarding");

            browser.waitForHeading("Offboarding of " + leaver);
            browser.waitForText("Handed over, items open");
            String page = browser.text();
            assertTrue(page.contains("New content owner") && page.contains("Sign-in destroyed"), page);
            browser.check("offboarding-case");

            browser.click("Sign out");
            signIn(browser, successor);
            browser.waitForHeading(START);
            browser.waitForText("Hand-overs to confirm (1)");
            browser.check("start-new-holder");
            browser.click("Confirm New content owner of Console " + fixture.code);
            browser.waitForText("Confirmed: New content owner of Console " + fixture.code);
            browser.waitForText("Nothing waits for you.");
        }
        JsonObject offboarding = People.admin().get("/api/v1/offboardings?employeeId=" + employeeId).parse()
                .asJsonArray().getJsonObject(0);
        assertEquals("HR-" + fixture.code, offboarding.getString("hrReference"));
        JsonObject handedOver = offboarding.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(i -> "CONTENT_OWNER_REPLACED".equals(i.getString("kind"))).findFirst().orElseThrow();
        assertEquals("DONE", handedOver.getString("state"), handedOver::toString);
        assertEquals(successor.personId(), handedOver.getString("toPerson"));
    }

    @Test
    void aDgitAdminAddsAPersonGrantsARoleAndMakesATokenThatIsShownOnceAndThenRevoked() throws Exception {
        String code = code();
        String department = People.createDepartment(code);
        People.SignInDetails admin = People.signInDetails(department, "DGIT_ADMIN", null);
        String name = "Console Newcomer " + code;
        String tokenName = "console token " + code;
        try (Browser browser = new Browser()) {
            signIn(browser, admin);
            browser.waitForHeading(START);
            browser.check("start-dgit-admin");
            browser.click("People");
            browser.waitForHeading("People");
            browser.check("people");
            browser.click("Add a person");
            browser.waitForHeading("Add a person");
            browser.type("Name", name).type("Employee id", "EC" + code).type("Email", "newcomer-" + code
                    + "@example.edu").select("Department", "Department " + code);
            browser.check("person-new");
            browser.click("Add the person");
            browser.waitForHeading(name);
            String personId = browser.driver().getCurrentUrl().replaceAll(".*/people/", "");

            browser.select("Role", "Auditor");
            browser.waitForText("Allows: The audit trail, its verification and export");
            browser.click("Grant");
            browser.waitForText("Auditor granted.");
            browser.check("person");
            List<String> roles = People.admin().get("/api/v1/people/" + personId).json().getJsonArray("roles")
                    .getValuesAs(JsonObject.class).stream().map(g -> g.getString("role")).toList();
            assertEquals(List.of("AUDITOR"), roles);
            browser.click("People");
            browser.waitForHeading("People");
            browser.click("Departments");
            browser.waitForHeading("Departments");
            browser.check("departments");

            browser.click("API tokens");
            browser.waitForHeading("API tokens");
            browser.type("Name", tokenName).select("Role", "HR integration");
            browser.waitForText("Allows: HR's system");
            browser.click("Make the token");
            String token = TestSecrets.remember(browser.find(".new-token").getText().strip());
            browser.waitForText("it is shown only this once");
            browser.check("token-made");
            Api system = Api.live().bearer(token);
            assertEquals(200, system.get("/api/v1/offboardings?limit=1").status(), "the token shown works");

            browser.click("I have stored it");
            browser.waitUntil(d -> browser.all(".new-token").isEmpty());
            assertFalse(browser.driver().getPageSource().contains(token), "the token is gone from the page");
            browser.open("/tokens");
            browser.waitForText(tokenName);
            assertFalse(browser.driver().getPageSource().contains(token), "the list never shows a token");
            browser.check("tokens");
            browser.click("Revoke " + tokenName);
            browser.click("Keep it");
            // Stepping back gives the focus back to Revoke; the second step takes it.
            browser.waitUntil(d -> ("Revoke " + tokenName).equals(d.switchTo().activeElement()
                    .getAttribute("aria-label")));
            browser.click("Revoke " + tokenName);
            browser.waitUntil(d -> ("Revoke " + tokenName + " now").equals(d.switchTo().activeElement().getText()
                    .strip()));
            browser.click("Revoke " + tokenName + " now");
            browser.waitUntil(d -> browser.all("table.tokens tr").stream()
                    .anyMatch(row -> row.getText().contains(tokenName) && row.getText().contains("Revoked")));
            browser.waitForText(tokenName + " revoked: it works no more.");
            assertEquals(401, system.get("/api/v1/offboardings?limit=1").status(), "a revoked token works no more");
        }
    }

    @Test
    void anAuditorSearchesTheTrailOpensAnEntryVerifiesTheChainInWordsAndExportsIt() throws Exception {
        ConsoleIT.Fixture fixture = new ConsoleIT.Fixture();
        People.SignInDetails auditor = People.signInDetails(fixture.department, "AUDITOR", null);
        String owner = "Person " + fixture.owner.username();
        try (Browser browser = new Browser()) {
            signIn(browser, auditor);
            browser.waitForHeading(START);
            browser.check("start-auditor");
            browser.click("Audit");
            browser.waitForHeading("Audit");
            browser.select("Person", owner);
            browser.select("Action", "Password change");
            browser.waitUntil(d -> {
                List<String> who = cells(browser, "Who");
                return !who.isEmpty() && who.stream().allMatch(w -> w.startsWith(owner))
                        && cells(browser, "What").stream().allMatch(w -> w.startsWith("Password change"));
            });
            WebElement first = browser.find("table.audit tbody tr td[data-label=Entry] button");
            String seq = first.getText().substring(1);
            first.click();
            browser.waitUntil(d -> browser.all("#entry-" + seq + " dd").size() > 5);
            String details = browser.find("#entry-" + seq).getText();
            assertTrue(details.contains("PASSWORD_CHANGE") && details.contains("Hash"), details);
            browser.check("audit");

            browser.click("Verify the chain");
            browser.waitForText("The chain is intact.");
            String verdict = browser.find(".verdict").getText();
            assertTrue(verdict.contains("Checked entries 1 to") && verdict.contains("signatures of"), verdict);
            assertTrue(verdict.contains("signed by") || verdict.contains("No signed checkpoint yet"), verdict);
            browser.check("audit-verified");

            String jsonl = download(browser);
            JsonObject header = Json.createReader(new StringReader(jsonl.lines().findFirst().orElseThrow()))
                    .readObject();
            assertEquals("export", header.getString("type"), header::toString);
            assertTrue(jsonl.lines().count() > 10, "the export holds the trail");
            browser.select("Format", "CSV (for a spreadsheet)");
            String csv = download(browser);
            assertTrue(csv.lines().findFirst().orElseThrow().contains("seq"), csv.lines().findFirst().orElse(""));
            assertTrue(browser.text().contains("AuditVerifier"), "the offline verifier's instructions are beside it");
        }
    }

    @Test
    void aDgitAdminStartsAKeyRotationWithAReasonAndFollowsItToTheEnd() throws Exception {
        ConsoleIT.Fixture fixture = new ConsoleIT.Fixture();
        fixture.accountWithLogin(null);
        People.SignInDetails admin = People.signInDetails(fixture.department, "DGIT_ADMIN", null);
        String reason = "Console test rotation " + fixture.code;
        try (Browser browser = new Browser()) {
            signIn(browser, admin);
            browser.waitForHeading(START);
            browser.click("Keys");
            browser.waitForHeading("Keys");
            browser.check("keys");
            browser.click("Start the rotation");
            browser.waitForText("Say why, in at least 10 characters.");
            browser.type("Reason", reason).click("Start the rotation");
            WebElement finished = browser.waitUntil(Duration.ofMinutes(3), d -> browser.all(".rotations li").stream()
                    .filter(li -> li.getText().contains(reason) && li.getText().contains("finished"))
                    .findFirst().orElse(null));
            assertTrue(finished.getText().matches("(?s).*finished .*, \\d+ values rewrapped\\..*"),
                    finished.getText());
            browser.check("keys-rotated");
        }
        JsonObject current = People.admin().get("/api/v1/keys").parse().asJsonArray().getValuesAs(JsonObject.class)
                .stream().filter(k -> k.getBoolean("current")).findFirst().orElseThrow();
        JsonObject rotation = People.admin().get("/api/v1/keys/rotations").parse().asJsonArray()
                .getValuesAs(JsonObject.class).stream().filter(r -> reason.equals(r.getString("reason")))
                .findFirst().orElseThrow();
        assertEquals(rotation.getInt("targetVersion"), current.getInt("version"));
        assertEquals(0, rotation.getJsonNumber("remaining").longValue());
    }

    @Test
    void aDepartmentOwnerSeesTheRotationsDueInTheirDepartmentWithinThePeriodTheyChoose() throws Exception {
        ConsoleIT.Fixture fixture = new ConsoleIT.Fixture();
        String id = fixture.accountWithLogin(null);
        // Due in 20 days: listed within 30, not within 7, and before any reminder (14 days ahead) would go out.
        TestDatabase.update("UPDATE escrow.official_account SET next_rotation_due_at = UTC_TIMESTAMP(6)"
                + " + INTERVAL 20 DAY WHERE id = '" + id + "'");
        try (Browser browser = new Browser()) {
            signIn(browser, fixture.owner);
            browser.waitForHeading(START);
            browser.click("Rotations due");
            browser.waitForHeading("Rotations due");
            WebElement row = browser.waitUntil(d -> browser.all("tbody tr").stream()
                    .filter(tr -> tr.getText().contains("Console " + fixture.code)).findFirst().orElse(null));
            assertTrue(row.getText().contains("Scheduled") && row.getText().contains("180 days"), row.getText());
            browser.check("rotations");
            browser.select("Due within", "the next 7 days");
            browser.waitForText("Nothing is due in this period.");
        }
    }

    @Test
    void aDepartmentOwnerSeesTheirDepartmentsPeopleAndHoldingsAndNothingOfAnotherDepartment() throws Exception {
        ConsoleIT.Fixture ours = new ConsoleIT.Fixture();
        ConsoleIT.Fixture theirs = new ConsoleIT.Fixture();
        ours.account("Console own " + ours.code);
        theirs.account("Console other " + theirs.code);
        try (Browser browser = new Browser()) {
            signIn(browser, ours.owner);
            browser.waitForHeading(START);
            browser.check("start-department-owner");
            List<String> navigation = browser.all("nav[aria-label=Main] a").stream().map(WebElement::getText)
                    .toList();
            assertEquals(List.of("Start", "Accounts", "Rotations due", "Requests", "Duties", "People", "Compliance",
                    "Attestations", "Import", "Audit", "Profile"), navigation);

            browser.click("People");
            browser.waitForHeading("People");
            browser.waitUntil(d -> cells(browser, "Name").size() >= 3);
            List<String> people = cells(browser, "Name");
            assertTrue(people.stream().anyMatch(p -> p.startsWith("Person " + ours.contentOwnerName)), people::toString);
            assertTrue(people.stream().noneMatch(p -> p.contains(theirs.contentOwnerName)), people::toString);
            List<String> departments = browser.all("select").get(0).findElements(By.tagName("option")).stream()
                    .map(WebElement::getText).toList();
            assertEquals(List.of("All departments", "Department " + ours.code), departments);
            browser.check("people-department-owner");

            browser.open("/people/" + ours.contentOwner);
            browser.waitForText("Accounts held (1)");
            assertTrue(browser.text().contains("Console own " + ours.code));
            browser.check("person-holdings");

            browser.open("/people/" + theirs.contentOwner);
            browser.find(".problem");
            assertFalse(browser.text().contains(theirs.contentOwnerName), browser.text());
            browser.open("/departments");
            browser.waitForHeading("Departments");
            browser.waitUntil(d -> !cells(browser, "Department").isEmpty());
            assertEquals(List.of("Department " + ours.code), cells(browser, "Department"));
            browser.open("/keys");
            browser.waitForHeading("Not available to you");
            long keysFetched = browser.script("return performance.getEntriesByType('resource')"
                    + ".filter(e => e.name.endsWith('/console/pages/keys.js')).length");
            assertEquals(0, keysFetched, "the roles decide before a page's module is fetched");
            browser.open("/audit");
            browser.waitForHeading("Audit");
            browser.waitUntil(d -> !browser.all("table.audit tbody tr").isEmpty());
            assertTrue(browser.all("button").stream().noneMatch(b -> "Verify the chain".equals(b.getText())),
                    "verification is for auditors and DGIT");
            browser.check("audit-department-owner");
        }
    }

    /** The texts of a table's cells labelled {@code label} (the column), top to bottom. */
    private static List<String> cells(Browser browser, String label) {
        return browser.script("return [...document.querySelectorAll('tbody td[data-label=\"' + arguments[0]"
                + " + '\"]')].map(td => td.innerText.trim())", label);
    }

    /** What the export link downloads, fetched by the page itself (with its session, as a click would). */
    private static String download(Browser browser) {
        String address = browser.find("a[download^=audit-export]").getAttribute("href");
        return browser.asyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0]).then(r => r.text()).then(done, e => done('failed: ' + e))", address);
    }

    private static String code() {
        return UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    }
}
