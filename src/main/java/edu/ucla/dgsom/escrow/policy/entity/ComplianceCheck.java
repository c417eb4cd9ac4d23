package edu.ucla.dgsom.escrow.policy.entity;

import edu.ucla.dgsom.escrow.accounts.entity.AccountFacts;
import edu.ucla.dgsom.escrow.accounts.entity.AccountStatus;
import edu.ucla.dgsom.escrow.accounts.entity.PlatformMfa;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The checks of the compliance report, each a rule of the policy (docs/policy.md) judged on one account: PASS, FAIL,
 * PENDING (still within the time the policy gives) or UNKNOWN (the service cannot tell), with a short finding in words.
 */
public enum ComplianceCheck {
    /** I.1: a supervisor's approval on record. */
    APPROVED("approved"),
    /** I.2: an active content owner who acknowledged the duties. */
    CONTENT_OWNER("contentOwner"),
    /** I.2: an active backup moderator who acknowledged the duties. */
    BACKUP_MODERATOR("backupModerator"),
    /** I.2 "The department owner must have access...": escrowed, not suspended, an active owner with MFA. */
    DEPARTMENT_OWNER_CAN_REVEAL("departmentOwnerCanReveal"),
    /** I.2 "DGIT must have administrative access...": escrowed, and an active DGIT admin with MFA. */
    DGIT_CAN_REVEAL("dgitCanReveal"),
    RECOVERY_EMAIL_INSTITUTIONAL("recoveryEmailInstitutional"),
    RECOVERY_PHONE_INSTITUTIONAL("recoveryPhoneInstitutional"),
    /** A platform with TOTP needs its seed escrowed, so DGIT can sign in without the holder's phone. */
    MFA_SEED_ESCROWED("mfaSeedEscrowed"),
    ROTATION_NOT_OVERDUE("rotationNotOverdue"),
    NOT_SUSPENDED("notSuspended");

    public enum Result { PASS, FAIL, PENDING, UNKNOWN }

    /** A check's result and why, in words. */
    public record Finding(Result result, String text) {
    }

    private final String key;

    ComplianceCheck(String key) {
        this.key = key;
    }

    /** The check's name in the JSON view and the CSV header. */
    public String key() {
        return key;
    }

    /** This check on {@code account}, as things stand in {@code school}. */
    public Finding judge(AccountFacts account, ComplianceContext school) {
        return switch (this) {
            case APPROVED -> approved(account, school);
            case CONTENT_OWNER -> school.holder(account, HolderDuty.Duty.CONTENT_OWNER, "content owner");
            case BACKUP_MODERATOR -> school.holder(account, HolderDuty.Duty.BACKUP_MODERATOR, "backup moderator");
            case DEPARTMENT_OWNER_CAN_REVEAL -> !account.hasCredentials() ? nothingEscrowed()
                    : account.status() == AccountStatus.SUSPENDED ? fail("suspended: only DGIT admins reveal")
                    : school.ownedWithMfa(account.departmentId()) ? pass("an active department owner with MFA")
                    : fail("no active department owner with MFA enrolled");
            case DGIT_CAN_REVEAL -> !account.hasCredentials() ? nothingEscrowed()
                    : school.dgitWithMfa() ? pass("an active DGIT admin with MFA")
                    : fail("no active DGIT admin with MFA enrolled");
            case RECOVERY_EMAIL_INSTITUTIONAL -> recovery(account, school, account.recoveryEmailInstitutional(),
                    "recoveryEmail", "recovery e-mail");
            case RECOVERY_PHONE_INSTITUTIONAL -> recovery(account, school, account.recoveryPhoneInstitutional(),
                    "recoveryPhone", "recovery phone");
            case MFA_SEED_ESCROWED -> mfaSeed(account);
            case ROTATION_NOT_OVERDUE -> account.rotationDueAt() == null ? pass("no rotation due")
                    : account.rotationDueAt().isBefore(school.now()) ? fail("rotation overdue since "
                    + when(account.rotationDueAt())) : pass("rotation due by " + when(account.rotationDueAt()));
            case NOT_SUSPENDED -> account.status() == AccountStatus.SUSPENDED
                    ? fail("suspended since " + when(account.statusChangedAt())) : pass("not suspended");
        };
    }

    private static Finding approved(AccountFacts account, ComplianceContext school) {
        if (account.approvedAt() != null) {
            return pass("approved on " + when(account.approvedAt())
                    + (account.hasCredentials() ? "" : ", not yet escrowed"));
        }
        Instant pending = school.pendingSince(account.id());
        if (pending != null) {
            return new Finding(Result.PENDING, "approval pending since " + when(pending));
        }
        return fail(account.hasCredentials() || account.status() != AccountStatus.REQUESTED
                ? "active with no approval" : "no approval requested");
    }

    private static Finding recovery(AccountFacts account, ComplianceContext school, Boolean institutional,
            String field, String name) {
        if (!account.hasCredentials()) {
            return nothingEscrowed();
        }
        if (institutional == null) {
            return unknown("escrowed before the check; known at the next rotation");
        }
        if (!school.recoveryRulesDigest().equals(account.recoveryRulesDigest())) {
            return unknown("the institutional list changed since the last rotation");
        }
        if (institutional) {
            return pass("the " + name + " is institutional");
        }
        return fail(account.credentialFields().contains(field) ? "the " + name + " is not institutional"
                : "no " + name + " escrowed");
    }

    private static Finding mfaSeed(AccountFacts account) {
        if (account.platformMfa() == null) {
            return unknown("the platform's MFA is not stated");
        }
        if (account.platformMfa() != PlatformMfa.TOTP) {
            return pass(account.platformMfa() == PlatformMfa.NONE ? "no MFA on the platform"
                    : "MFA without a seed to escrow");
        }
        return account.totpSeedEscrowed() ? pass("the TOTP seed is escrowed")
                : fail("TOTP on the platform, no seed escrowed");
    }

    private static Finding nothingEscrowed() {
        return fail("nothing escrowed yet");
    }

    static Finding pass(String text) {
        return new Finding(Result.PASS, text);
    }

    static Finding fail(String text) {
        return new Finding(Result.FAIL, text);
    }

    static Finding unknown(String text) {
        return new Finding(Result.UNKNOWN, text);
    }

    /** A moment as findings name it: UTC, to the second. */
    static String when(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
