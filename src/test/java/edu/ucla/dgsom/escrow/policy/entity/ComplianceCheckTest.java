package edu.ucla.dgsom.escrow.policy.entity;

import static edu.ucla.dgsom.escrow.policy.entity.ComplianceCheck.Result.FAIL;
import static edu.ucla.dgsom.escrow.policy.entity.ComplianceCheck.Result.PASS;
import static edu.ucla.dgsom.escrow.policy.entity.ComplianceCheck.Result.PENDING;
import static edu.ucla.dgsom.escrow.policy.entity.ComplianceCheck.Result.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import edu.ucla.dgsom.escrow.accounts.entity.AccountFacts;
import edu.ucla.dgsom.escrow.accounts.entity.AccountStatus;
import edu.ucla.dgsom.escrow.accounts.entity.PlatformMfa;
import edu.ucla.dgsom.escrow.policy.entity.ComplianceCheck.Finding;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ComplianceCheckTest {

    static final Instant NOW = Instant.parse("2026-12-03T17:00:00Z");
    static final String RULES = "rules-digest";

    /** An escrowed, approved, compliant account of dept-1 held by owner and moderator. */
    static AccountFacts account() {
        return new AccountFacts("acct-1", "dept-1", "INSTAGRAM", "@dgsom", "DGSOM", AccountStatus.ACTIVE,
                Instant.parse("2026-11-01T10:00:00Z"), null, "owner", "moderator", 1,
                List.of("password", "totp", "recoveryEmail", "recoveryPhone"), true, PlatformMfa.TOTP, true, true,
                RULES, null);
    }

    static AccountFacts with(AccountFacts a, AccountStatus status, Instant approvedAt, int version,
            List<String> fields, boolean seed, PlatformMfa mfa, Boolean email, Boolean phone, String rules,
            Instant due) {
        return new AccountFacts(a.id(), a.departmentId(), a.platform(), a.handle(), a.displayName(), status,
                approvedAt, Instant.parse("2026-12-01T08:00:00Z"), a.contentOwnerId(), a.backupModeratorId(), version,
                fields, seed, mfa, email, phone, rules, due);
    }

    static HolderDuty acknowledged(String account, HolderDuty.Duty duty, String person) {
        HolderDuty held = new HolderDuty(account, duty, person, NOW.minus(Duration.ofDays(30)));
        held.acknowledge(person, "v1", "v1", NOW.minus(Duration.ofDays(29)));
        return held;
    }

    static ComplianceContext school(List<HolderDuty> duties, Set<String> active, Set<String> ownedWithMfa,
            boolean dgit, Map<String, Instant> pending) {
        return new ComplianceContext(NOW, Duration.ofDays(14), Map.of("acct-1", duties), active, ownedWithMfa, dgit,
                pending, RULES);
    }

    static ComplianceContext compliantSchool() {
        return school(List.of(acknowledged("acct-1", HolderDuty.Duty.CONTENT_OWNER, "owner"),
                acknowledged("acct-1", HolderDuty.Duty.BACKUP_MODERATOR, "moderator")), Set.of("owner", "moderator"),
                Set.of("dept-1"), true, Map.of());
    }

    private static Finding judge(ComplianceCheck check, AccountFacts account, ComplianceContext school) {
        return check.judge(account, school);
    }

    @Test
    void a_compliant_account_passes_every_check() {
        for (ComplianceCheck check : ComplianceCheck.values()) {
            assertEquals(PASS, judge(check, account(), compliantSchool()).result(), check.key());
        }
    }

    @Test
    void approval_fails_for_an_active_account_without_one_and_is_pending_while_a_request_waits() {
        AccountFacts unapproved = with(account(), AccountStatus.ACTIVE, null, 1, account().credentialFields(), true,
                PlatformMfa.TOTP, true, true, RULES, null);
        assertEquals(new Finding(FAIL, "active with no approval"), judge(ComplianceCheck.APPROVED, unapproved,
                compliantSchool()));
        ComplianceContext waiting = school(List.of(), Set.of(), Set.of(), true, Map.of("acct-1",
                Instant.parse("2026-12-02T09:30:00.123Z")));
        assertEquals(new Finding(PENDING, "approval pending since 2026-12-02T09:30:00Z"),
                judge(ComplianceCheck.APPROVED, unapproved, waiting));
        AccountFacts requested = with(account(), AccountStatus.REQUESTED, null, 0, List.of(), false, null, null,
                null, null, null);
        assertEquals(new Finding(FAIL, "no approval requested"), judge(ComplianceCheck.APPROVED, requested,
                compliantSchool()));
    }

    @Test
    void an_approved_account_not_yet_escrowed_is_approved_but_nobody_can_reveal_it() {
        AccountFacts approved = with(account(), AccountStatus.APPROVED, Instant.parse("2026-12-01T10:00:00Z"), 0,
                List.of(), false, null, null, null, null, null);
        assertEquals(new Finding(PASS, "approved on 2026-12-01T10:00:00Z, not yet escrowed"),
                judge(ComplianceCheck.APPROVED, approved, compliantSchool()));
        for (ComplianceCheck check : List.of(ComplianceCheck.DGIT_CAN_REVEAL,
                ComplianceCheck.DEPARTMENT_OWNER_CAN_REVEAL, ComplianceCheck.RECOVERY_EMAIL_INSTITUTIONAL,
                ComplianceCheck.RECOVERY_PHONE_INSTITUTIONAL)) {
            assertEquals(new Finding(FAIL, "nothing escrowed yet"), judge(check, approved, compliantSchool()));
        }
    }

    @Test
    void a_holder_is_pending_within_the_acknowledgement_period_failing_after_it_and_failing_once_inactive() {
        HolderDuty fresh = new HolderDuty("acct-1", HolderDuty.Duty.CONTENT_OWNER, "owner",
                NOW.minus(Duration.ofDays(3)));
        HolderDuty late = new HolderDuty("acct-1", HolderDuty.Duty.BACKUP_MODERATOR, "moderator",
                NOW.minus(Duration.ofDays(15)));
        ComplianceContext school = school(List.of(fresh, late), Set.of("owner", "moderator"), Set.of("dept-1"), true,
                Map.of());
        assertEquals(PENDING, judge(ComplianceCheck.CONTENT_OWNER, account(), school).result());
        assertEquals(new Finding(FAIL, "duties not acknowledged, due " + ComplianceCheck.when(late.dueAt(
                Duration.ofDays(14)))), judge(ComplianceCheck.BACKUP_MODERATOR, account(), school));
        ComplianceContext gone = school(List.of(fresh, late), Set.of("moderator"), Set.of("dept-1"), true, Map.of());
        assertEquals(new Finding(FAIL, "the content owner is no longer active"), judge(ComplianceCheck.CONTENT_OWNER,
                account(), gone));
    }

    @Test
    void revealing_needs_an_owner_or_dgit_admin_with_mfa_and_a_suspension_leaves_only_dgit() {
        ComplianceContext nobody = school(List.of(), Set.of(), Set.of(), false, Map.of());
        assertEquals(FAIL, judge(ComplianceCheck.DEPARTMENT_OWNER_CAN_REVEAL, account(), nobody).result());
        assertEquals(FAIL, judge(ComplianceCheck.DGIT_CAN_REVEAL, account(), nobody).result());
        AccountFacts suspended = with(account(), AccountStatus.SUSPENDED, account().approvedAt(), 1,
                account().credentialFields(), true, PlatformMfa.TOTP, true, true, RULES, null);
        assertEquals(new Finding(FAIL, "suspended: only DGIT admins reveal"),
                judge(ComplianceCheck.DEPARTMENT_OWNER_CAN_REVEAL, suspended, compliantSchool()));
        assertEquals(PASS, judge(ComplianceCheck.DGIT_CAN_REVEAL, suspended, compliantSchool()).result());
        assertEquals(new Finding(FAIL, "suspended since 2026-12-01T08:00:00Z"), judge(ComplianceCheck.NOT_SUSPENDED,
                suspended, compliantSchool()));
    }

    @Test
    void recovery_contacts_fail_off_campus_and_are_unknown_before_the_check_or_after_the_rules_changed() {
        AccountFacts gmail = with(account(), AccountStatus.ACTIVE, account().approvedAt(), 2,
                List.of("password", "recoveryEmail"), false, PlatformMfa.NONE, false, false, RULES, null);
        assertEquals(new Finding(FAIL, "the recovery e-mail is not institutional"),
                judge(ComplianceCheck.RECOVERY_EMAIL_INSTITUTIONAL, gmail, compliantSchool()));
        assertEquals(new Finding(FAIL, "no recovery phone escrowed"),
                judge(ComplianceCheck.RECOVERY_PHONE_INSTITUTIONAL, gmail, compliantSchool()));
        AccountFacts before = with(account(), AccountStatus.ACTIVE, account().approvedAt(), 2, List.of("password"),
                false, PlatformMfa.NONE, null, null, null, null);
        assertEquals(UNKNOWN, judge(ComplianceCheck.RECOVERY_EMAIL_INSTITUTIONAL, before, compliantSchool())
                .result());
        AccountFacts otherRules = with(account(), AccountStatus.ACTIVE, account().approvedAt(), 2,
                account().credentialFields(), false, PlatformMfa.NONE, true, true, "older-rules", null);
        assertEquals(new Finding(UNKNOWN, "the institutional list changed since the last rotation"),
                judge(ComplianceCheck.RECOVERY_PHONE_INSTITUTIONAL, otherRules, compliantSchool()));
    }

    @Test
    void a_totp_platform_needs_its_seed_escrowed_and_an_unstated_platform_mfa_is_unknown() {
        AccountFacts noSeed = with(account(), AccountStatus.ACTIVE, account().approvedAt(), 1, List.of("password"),
                false, PlatformMfa.TOTP, true, true, RULES, null);
        assertEquals(new Finding(FAIL, "TOTP on the platform, no seed escrowed"),
                judge(ComplianceCheck.MFA_SEED_ESCROWED, noSeed, compliantSchool()));
        AccountFacts unstated = with(account(), AccountStatus.ACTIVE, account().approvedAt(), 1, List.of("password"),
                false, null, true, true, RULES, null);
        assertEquals(UNKNOWN, judge(ComplianceCheck.MFA_SEED_ESCROWED, unstated, compliantSchool()).result());
        AccountFacts other = with(account(), AccountStatus.ACTIVE, account().approvedAt(), 1, List.of("password"),
                false, PlatformMfa.OTHER, true, true, RULES, null);
        assertEquals(PASS, judge(ComplianceCheck.MFA_SEED_ESCROWED, other, compliantSchool()).result());
    }

    @Test
    void a_rotation_due_date_that_passed_is_overdue() {
        AccountFacts overdue = with(account(), AccountStatus.ACTIVE, account().approvedAt(), 1,
                account().credentialFields(), true, PlatformMfa.TOTP, true, true, RULES, NOW.minusSeconds(1));
        assertEquals(new Finding(FAIL, "rotation overdue since 2026-12-03T16:59:59Z"),
                judge(ComplianceCheck.ROTATION_NOT_OVERDUE, overdue, compliantSchool()));
        AccountFacts due = with(account(), AccountStatus.ACTIVE, account().approvedAt(), 1,
                account().credentialFields(), true, PlatformMfa.TOTP, true, true, RULES, NOW.plusSeconds(60));
        assertEquals(PASS, judge(ComplianceCheck.ROTATION_NOT_OVERDUE, due, compliantSchool()).result());
    }
}
