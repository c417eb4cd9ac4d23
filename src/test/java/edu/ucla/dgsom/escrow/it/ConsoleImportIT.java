package edu.ucla.dgsom.escrow.it;

import static edu.ucla.dgsom.escrow.it.ConsoleAdministrationIT.START;
import static edu.ucla.dgsom.escrow.it.ConsoleIT.signIn;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console's import page in headless Chromium against the real service (docs/migration.md): a department owner
 * uploads a LastPass export, is told to name the holders of the department's new accounts, names them, leaves an entry
 * out, previews again and imports; the account is there with its login. Pages photographed and checked with axe.
 */
@ExtendWith(LiveService.class)
class ConsoleImportIT {

    @Test
    void anOwnerUploadsALastPassExportMapsItLeavesAnEntryOutAndImportsTheRest() throws Exception {
        ConsoleIT.Fixture fixture = new ConsoleIT.Fixture();
        String code = fixture.code.toLowerCase();
        String password = TestSecrets.remember("console-import-" + UUID.randomUUID());
        Path file = Path.of(System.getProperty("escrow.screenshots.dir")).getParent().resolve("console-imports")
                .resolve("lastpass-" + code + ".csv");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "url,username,password,totp,extra,name,grouping,fav\n"
                + "https://www.instagram.com/console" + code + "/,news-" + code + "@ucla.edu," + password
                + ",,,Instagram " + code + ",Social,0\n"
                + "https://x.com/login,x_" + code + ",other-" + code + ",,,X " + code + ",Social,0\n"
                + "http://sn,,,,Server notes,A note,Social,0\n", StandardCharsets.UTF_8);
        try (Browser browser = new Browser()) {
            signIn(browser, fixture.owner);
            browser.waitForHeading(START);
            browser.click("Import");
            browser.waitForHeading("Import from another password manager");
            browser.click("Upload and preview");
            browser.waitForText("Choose the export file.");
            browser.check("import-upload");
            browser.field("Export file").sendKeys(file.toAbsolutePath().toString());
            browser.select("Department of new accounts", "Department " + fixture.code);
            browser.click("Upload and preview");
            browser.waitForHeading("What the import would do");
            browser.waitForText("name the content owner and backup moderator of the department's new accounts");
            browser.waitForText("a secure note, not a login");
            browser.select("Content owner", "Person " + fixture.contentOwnerName);
            browser.select("Backup moderator", "Person " + fixture.moderatorName);
            browser.field("Leave out entry 2").click();
            browser.click("Preview again");
            browser.waitForText("left out of the import");
            browser.waitForText("New account: 1");
            browser.check("import-preview");
            browser.click("Import 1 entry");
            browser.waitForText("Imported: 1 account created, 0 accounts given a new version, 2 entries skipped.");
            browser.waitForHeading("What the import did");
            browser.check("import-done");
        }
        JsonObject account = Api.admin().get("/api/v1/accounts?department=" + fixture.department).json()
                .getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(a -> a.getString("handle").equals("@console" + code)).findFirst().orElseThrow();
        assertEquals("ACTIVE", account.getString("status"), "in use once its login is escrowed");
        assertEquals(1, account.getInt("credentialVersion"));
        assertEquals(fixture.contentOwner, account.getString("contentOwnerId"));
    }
}
