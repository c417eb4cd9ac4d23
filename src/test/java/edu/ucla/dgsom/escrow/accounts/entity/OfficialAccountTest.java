package edu.ucla.dgsom.escrow.accounts.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OfficialAccountTest {

    private static final RecoveryFacts NO_RECOVERY = new RecoveryFacts(false, false, "rules");

    private static final Instant CREATED = Instant.parse("2026-12-01T09:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-03T09:00:00Z");
    private static final RotationInterval DEFAULT = new RotationInterval(180, RotationInterval.Source.DEFAULT);

    private static OfficialAccount account() {
        return new OfficialAccount(Platform.INSTAGRAM, null, "dgsom", "https://instagram.com/dgsom", "DGSOM",
                "dept-1", AccountStatus.ACTIVE, "owner", "moderator", "team notes", "creator", CREATED);
    }

    private static void rotate(OfficialAccount account, int version, boolean totp, String... fields) {
        account.credentialsRotated(new RotatedCredentials(version, totp, List.of(fields), true, NO_RECOVERY), DEFAULT,
                "holder", NOW);
    }

    private static AccountRevision revision(String handle, String profileUrl, String notes) {
        return new AccountRevision(handle, null, profileUrl, notes, null, null);
    }

    @Test
    void a_revision_with_nothing_new_changes_nothing_and_leaves_the_account_untouched() {
        OfficialAccount account = account();
        assertTrue(account.revise(new AccountRevision("dgsom", "DGSOM", null, "team notes", "dept-1", null), "editor", NOW).isEmpty());
        assertEquals("creator", account.updatedBy());
        assertEquals(CREATED, account.updatedAt());
    }

    @Test
    void a_new_handle_is_recorded_and_changes_the_identity_key() {
        OfficialAccount account = account();
        Map<String, String> changed = account.revise(revision("dgsom_ucla", null, null), "editor", NOW);
        assertEquals(Map.of("handle", "dgsom_ucla"), changed);
        assertEquals(OfficialAccount.identityKey(Platform.INSTAGRAM, null, "DGSOM_UCLA"),
                OfficialAccount.identityKey(account.platform(), account.platformName(), account.handle()));
        assertEquals("editor", account.updatedBy());
        assertEquals(NOW, account.updatedAt());
    }

    @Test
    void an_empty_profile_url_or_notes_clears_them_and_the_notes_themselves_never_reach_the_audit() {
        OfficialAccount account = account();
        Map<String, String> changed = account.revise(revision(null, "", ""), "editor", NOW);
        assertEquals(Map.of("profileUrl", "", "notes", "changed"), changed);
        assertNull(account.profileUrl());
        assertNull(account.notes());
    }

    @Test
    void a_department_change_says_from_what_to_what() {
        OfficialAccount account = account();
        AccountRevision revision = new AccountRevision(null, null, null, null, "dept-2", null);
        assertTrue(revision.movesDepartmentOf(account));
        Map<String, String> changed = account.revise(revision, "editor", NOW);
        assertEquals(Map.of("department", "dept-1->dept-2"), changed);
        assertEquals("dept-2", account.departmentId());
        assertFalse(revision.movesDepartmentOf(account));
    }

    @Test
    void replacing_the_holders_says_who_replaced_whom() {
        OfficialAccount account = account();
        Map<String, String> replaced = account.replaceHolders("moderator", "successor", "editor", NOW);
        assertEquals(Map.of("contentOwner", "owner->moderator", "backupModerator", "moderator->successor"), replaced);
        assertTrue(account.heldBy("successor"));
        assertFalse(account.heldBy("owner"));
        assertEquals(NOW, account.updatedAt());
    }

    @Test
    void keeping_both_holders_replaces_nobody() {
        OfficialAccount account = account();
        assertTrue(account.replaceHolders("owner", "moderator", "editor", NOW).isEmpty());
        assertEquals(CREATED, account.updatedAt());
    }

    @Test
    void one_person_cannot_be_both_content_owner_and_backup_moderator() {
        OfficialAccount account = account();
        assertThrows(IllegalArgumentException.class, () -> account.replaceHolders("owner", "owner", "editor", NOW));
        assertTrue(account.heldBy("moderator"));
    }

    @Test
    void credential_versions_follow_each_other_and_a_rotation_clears_the_rotation_flag() {
        OfficialAccount account = account();
        account.requireRotation(NOW, NOW.plus(Duration.ofDays(7)));
        assertThrows(IllegalStateException.class, () -> rotate(account, 2, false, "password"));
        rotate(account, 1, false, "password");
        assertEquals(1, account.credentialVersion());
        assertTrue(account.hasCredentials());
        assertNull(account.rotation().requiredSince());
        assertNull(account.rotation().requiredBy());
    }

    @Test
    void the_account_says_whether_its_current_credential_version_holds_a_totp_seed_and_which_fields_it_holds() {
        OfficialAccount account = account();
        assertFalse(account.totpSeedEscrowed(), "no credentials, no seed");
        assertEquals(List.of(), account.credentialFields());
        rotate(account, 1, true, "password", "totp");
        assertTrue(account.totpSeedEscrowed());
        assertEquals(List.of("password", "totp"), account.credentialFields());
        rotate(account, 2, false, "password");
        assertFalse(account.totpSeedEscrowed(), "a version without the seed (cleared) says so");
        assertEquals(List.of("password"), account.credentialFields());
    }

    @Test
    void a_rotation_flag_keeps_its_first_date_and_the_earliest_due_date() {
        OfficialAccount account = account();
        account.requireRotation(NOW, NOW.plus(Duration.ofDays(7)));
        account.requireRotation(NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(3)));
        account.requireRotation(NOW.plus(Duration.ofDays(2)), NOW.plus(Duration.ofDays(5)));
        assertEquals(NOW, account.rotation().requiredSince());
        assertEquals(NOW.plus(Duration.ofDays(3)), account.rotation().requiredBy());
    }

    @Test
    void the_platforms_second_factor_is_stated_changed_and_cleared_by_a_revision() {
        OfficialAccount account = account();
        assertNull(account.recovery().platformMfa());
        assertEquals(Map.of("platformMfa", "TOTP"), account.revise(new AccountRevision(null, null, null, null, null,
                "TOTP"), "editor", NOW));
        assertEquals(PlatformMfa.TOTP, account.recovery().platformMfa());
        assertTrue(account.revise(new AccountRevision(null, null, null, null, null, "TOTP"), "editor", NOW)
                .isEmpty());
        assertEquals(Map.of("platformMfa", ""), account.revise(new AccountRevision(null, null, null, null, null, ""),
                "editor", NOW));
        assertNull(account.recovery().platformMfa());
    }

    @Test
    void a_rotation_keeps_what_it_learnt_of_the_recovery_contacts_and_the_report_reads_it() {
        OfficialAccount account = account();
        assertNull(account.facts(null).recoveryEmailInstitutional(), "unknown before any rotation judged it");
        account.credentialsRotated(new RotatedCredentials(1, false, List.of("recoveryEmail"), false,
                new RecoveryFacts(true, false, "digest")), DEFAULT, "holder", NOW);
        AccountFacts facts = account.facts(NOW);
        assertEquals(Boolean.TRUE, facts.recoveryEmailInstitutional());
        assertEquals(Boolean.FALSE, facts.recoveryPhoneInstitutional());
        assertEquals("digest", facts.recoveryRulesDigest());
        assertEquals(NOW, facts.rotationDueAt());
        assertEquals("INSTAGRAM", facts.platform());
    }
}
