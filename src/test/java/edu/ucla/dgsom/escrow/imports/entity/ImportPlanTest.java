package edu.ucla.dgsom.escrow.imports.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import edu.ucla.dgsom.escrow.accounts.entity.Platform;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImportPlanTest {

    private static final ImportMapping.Holders HOLDERS = new ImportMapping.Holders("co", "bm");
    private static final String REGISTERED = Platform.INSTAGRAM.identityKey(null, "@known");

    private static ImportedEntry login(String title, String url, String username, String password, String folder) {
        return new ImportedEntry("line " + title.length(), ImportedEntry.Kind.LOGIN, title, url, username, password,
                null, null, folder, false, List.of());
    }

    private static ImportPlan plan(List<ImportedEntry> entries, ImportMapping mapping) {
        return ImportPlan.of(entries, mapping, department -> !department.equals("theirs"),
                identity -> identity.equals(REGISTERED) ? Optional.of(new ExistingAccount("a1", "ours"))
                        : Optional.empty());
    }

    @Test
    void each_entry_gets_the_first_rule_that_applies() {
        List<ImportedEntry> entries = List.of(
                new ImportedEntry("line 2", ImportedEntry.Kind.SECURE_NOTE, "Note", "http://sn", null, null, null,
                        "text", null, false, List.of()),
                login("Empty", "https://x.com/empty", null, null, null),
                login("No address", null, null, "pw", null),
                login("New", "https://www.facebook.com/dgsomnews", "news@ucla.edu", "pw", "Social"),
                login("Again", "https://facebook.com/DGSOMnews/", "other@ucla.edu", "pw2", "Social"),
                login("Known", "https://instagram.com/known", "k", "pw", null),
                login("Unmapped", "https://x.com/unmapped", "u", "pw", "Elsewhere"),
                login("Left out", "https://x.com/left", "l", "pw", "Social"),
                login("No holders", "https://x.com/nh", "n", "pw", "Research"));
        ImportMapping mapping = new ImportMapping(null, Map.of("Social", "ours", "Research", "research"),
                Map.of("ours", HOLDERS), Map.of("8", new ImportMapping.EntryChoice(null, true)));
        List<PlannedEntry> planned = plan(entries, mapping).entries();
        assertEquals(List.of("a secure note, not a login", "no login name, password or TOTP seed to escrow",
                "no web address or login name to tell the account by", "a new account",
                "the same account as entry 4", "registered already: its credentials get a new version",
                "no department: choose one for its folder, or a default", "left out of the import",
                "name the content owner and backup moderator of the department's new accounts"),
                planned.stream().map(PlannedEntry::reason).toList());
        PlannedEntry created = planned.get(3);
        assertEquals(PlannedEntry.Action.CREATE, created.action());
        assertEquals("ours", created.departmentId());
        assertEquals(HOLDERS, created.holders());
        assertEquals("@dgsomnews", created.address().handle());
        assertEquals(PlannedEntry.Action.MERGE, planned.get(5).action());
        assertEquals("a1", planned.get(5).accountId());
        assertEquals(Map.of(PlannedEntry.Action.CREATE, 1, PlannedEntry.Action.MERGE, 1, PlannedEntry.Action.SKIP, 7),
                plan(entries, mapping).counts());
        assertEquals(List.of("Social", "Elsewhere", "Research"), plan(entries, mapping).folders());
    }

    @Test
    void an_entry_goes_to_its_own_department_then_its_folders_then_the_default_and_only_where_allowed() {
        List<ImportedEntry> entries = List.of(login("A", "https://x.com/a", "a", "pw", "Social"),
                login("B", "https://x.com/b", "b", "pw", null), login("C", "https://x.com/c", "c", "pw", "Social"));
        ImportMapping mapping = new ImportMapping("default", Map.of("Social", "ours"), Map.of("ours", HOLDERS,
                "default", HOLDERS, "theirs", HOLDERS), Map.of("3", new ImportMapping.EntryChoice("theirs", null)));
        List<PlannedEntry> planned = plan(entries, mapping).entries();
        assertEquals(List.of("ours", "default", "theirs"), planned.stream().map(PlannedEntry::departmentId).toList());
        assertEquals("not a department you may import into", planned.get(2).reason());
        assertEquals(PlannedEntry.Action.SKIP, planned.get(2).action());
    }

    @Test
    void a_registered_account_of_a_department_not_the_importers_is_skipped() {
        ImportPlan plan = ImportPlan.of(List.of(login("Known", "https://instagram.com/known", "k", "pw", null)),
                ImportMapping.into("ours"), department -> false,
                identity -> Optional.of(new ExistingAccount("a1", "theirs")));
        assertEquals("registered already, in a department you do not import into", plan.entries().get(0).reason());
    }
}
