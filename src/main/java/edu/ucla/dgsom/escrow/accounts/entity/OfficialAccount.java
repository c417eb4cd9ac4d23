package edu.ucla.dgsom.escrow.accounts.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.UUID;

/**
 * An official social-media account of a department: where it lives, who answers for it (a content owner and a
 * different backup moderator, policy section I) and which version of its credential set is current. Metadata only:
 * the credentials are sealed elsewhere and never pass through this object.
 */
@Entity
@Table(name = "official_account")
@NamedQuery(name = OfficialAccount.HELD_BY, query = "SELECT a FROM OfficialAccount a"
        + " WHERE a.contentOwnerId = :person OR a.backupModeratorId = :person ORDER BY a.id")
@NamedQuery(name = OfficialAccount.WITH_CREDENTIALS_IN, query = "SELECT a FROM OfficialAccount a"
        + " WHERE a.credentialVersion > 0 AND a.departmentId IN :departments ORDER BY a.id")
@NamedQuery(name = OfficialAccount.WITH_CREDENTIALS, query = "SELECT a FROM OfficialAccount a"
        + " WHERE a.credentialVersion > 0 ORDER BY a.id")
@NamedQuery(name = OfficialAccount.REPORTED, query = "SELECT a FROM OfficialAccount a"
        + " WHERE a.standing.status <> :retired ORDER BY a.id")
@NamedQuery(name = OfficialAccount.REPORTED_IN, query = "SELECT a FROM OfficialAccount a"
        + " WHERE a.standing.status <> :retired AND a.departmentId = :department ORDER BY a.id")
@NamedQuery(name = OfficialAccount.REPORTED_DEPARTMENTS, query = "SELECT DISTINCT a.departmentId FROM OfficialAccount a"
        + " WHERE a.standing.status <> :retired ORDER BY a.departmentId")
@NamedQuery(name = OfficialAccount.ALL, query = "SELECT a FROM OfficialAccount a ORDER BY a.id")
@NamedQuery(name = OfficialAccount.BY_IDENTITY, query = "SELECT a FROM OfficialAccount a WHERE a.identityKey = :key")
@NamedQuery(name = OfficialAccount.SCHEDULED_BEFORE, query = "SELECT a FROM OfficialAccount a"
        + " WHERE a.rotation.nextDueAt <= :horizon ORDER BY a.id")
public class OfficialAccount {

    /** Every account, retired ones too, by id: the disaster-recovery export. */
    public static final String ALL = "OfficialAccount.all";
    public static final String BY_IDENTITY = "OfficialAccount.byIdentity";
    public static final String REPORTED = "OfficialAccount.reported";
    public static final String REPORTED_IN = "OfficialAccount.reportedIn";
    public static final String REPORTED_DEPARTMENTS = "OfficialAccount.reportedDepartments";
    public static final String HELD_BY = "OfficialAccount.heldBy";
    /** Accounts whose credentials are scheduled for rotation by a time (their flags aside). */
    public static final String SCHEDULED_BEFORE = "OfficialAccount.scheduledBefore";
    public static final String WITH_CREDENTIALS_IN = "OfficialAccount.withCredentialsIn";
    public static final String WITH_CREDENTIALS = "OfficialAccount.withCredentials";

    @Id
    private String id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Platform platform;

    @Column(name = "platform_name")
    private String platformName;

    @Column(nullable = false)
    private String handle;

    @Column(name = "identity_key", nullable = false)
    private String identityKey;

    @Column(name = "profile_url")
    private String profileUrl;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(name = "department_id", nullable = false)
    private String departmentId;

    /** Never null once loaded: its status column is NOT NULL. */
    @Embedded
    private AccountStanding standing;

    @Column(name = "content_owner_id", nullable = false)
    private String contentOwnerId;

    @Column(name = "backup_moderator_id", nullable = false)
    private String backupModeratorId;

    private String notes;

    @Column(name = "credential_version", nullable = false)
    private int credentialVersion;

    @Column(name = "totp_seed_escrowed", nullable = false)
    private boolean totpSeedEscrowed;

    /** The field names of the current credential version, comma-separated (empty before the first). */
    @Column(name = "credential_fields", nullable = false, length = 300)
    private String credentialFields = "";

    /** Null when EclipseLink read every column of it as null: see {@link #rotation()}. */
    @Embedded
    private RotationSchedule rotation = new RotationSchedule();

    /** Null when EclipseLink read every column of it as null: see {@link #recovery()}. */
    @Embedded
    private AccountRecovery recovery = new AccountRecovery();

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    @Version
    @Column(name = "row_version")
    private int rowVersion;

    protected OfficialAccount() {
    }

    public OfficialAccount(Platform platform, String platformName, String handle, String profileUrl,
            String displayName, String departmentId, AccountStatus status, String contentOwnerId,
            String backupModeratorId, String notes, String by, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.platform = platform;
        this.platformName = platformName;
        this.departmentId = departmentId;
        this.standing = new AccountStanding(status);
        this.createdAt = now.truncatedTo(ChronoUnit.MICROS);
        this.createdBy = by;
        rename(handle, displayName, profileUrl);
        this.notes = notes;
        assign(contentOwnerId, backupModeratorId);
        touch(by, now);
    }

    /**
     * An account as a disaster-recovery export holds it, restored into an empty installation under its own id, with
     * its standing, holders and times as exported; {@code by} (the restoring admin) created and last updated it. Its
     * credential versions follow through {@link #credentialsRestored}.
     */
    public static OfficialAccount restored(String id, Platform platform, String platformName, String handle,
            String profileUrl, String displayName, String departmentId, AccountStanding standing,
            String contentOwnerId, String backupModeratorId, String notes, Instant createdAt, Instant updatedAt,
            String by) {
        OfficialAccount account = new OfficialAccount();
        account.id = id;
        account.platform = platform;
        account.platformName = platformName;
        account.departmentId = departmentId;
        account.standing = standing;
        account.rename(handle, displayName, profileUrl);
        account.notes = notes;
        account.assign(contentOwnerId, backupModeratorId);
        account.createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
        account.createdBy = by;
        account.updatedAt = updatedAt.truncatedTo(ChronoUnit.MICROS);
        account.updatedBy = by;
        return account;
    }

    /** See {@link Platform#identityKey}. */
    public static String identityKey(Platform platform, String platformName, String handle) {
        return platform.identityKey(platformName, handle);
    }

    private void rename(String handle, String displayName, String profileUrl) {
        this.handle = handle;
        this.displayName = displayName;
        this.profileUrl = profileUrl;
        this.identityKey = identityKey(platform, platformName, handle);
    }

    /** Names the content owner and the backup moderator; they must be two different people. */
    private void assign(String contentOwnerId, String backupModeratorId) {
        if (Objects.equals(contentOwnerId, backupModeratorId)) {
            throw new IllegalArgumentException("content owner and backup moderator must differ");
        }
        this.contentOwnerId = Objects.requireNonNull(contentOwnerId);
        this.backupModeratorId = Objects.requireNonNull(backupModeratorId);
    }

    /**
     * Applies {@code revision} and says what changed, as the audit trail records it (empty when nothing did; then the
     * account is not touched either).
     */
    public SortedMap<String, String> revise(AccountRevision revision, String by, Instant now) {
        SortedMap<String, String> changed = revision.changesOf(this);
        if (!changed.isEmpty()) {
            rename(revision.handleOr(handle), revision.displayNameOr(displayName), revision.profileUrlOr(profileUrl));
            notes = revision.notesOr(notes);
            departmentId = revision.departmentIdOr(departmentId);
            recovery().stateMfa(revision.platformMfaOr(recovery().platformMfa()));
            touch(by, now);
        }
        return changed;
    }

    /**
     * Makes {@code contentOwnerId} and {@code backupModeratorId} the holders and says who replaced whom, for the
     * audit trail (empty when both stay).
     */
    public Map<String, String> replaceHolders(String contentOwnerId, String backupModeratorId, String by,
            Instant now) {
        if (contentOwnerId.equals(this.contentOwnerId) && backupModeratorId.equals(this.backupModeratorId)) {
            return Map.of();
        }
        Map<String, String> replaced = new LinkedHashMap<>();
        replaced.put("contentOwner", this.contentOwnerId + "->" + contentOwnerId);
        replaced.put("backupModerator", this.backupModeratorId + "->" + backupModeratorId);
        assign(contentOwnerId, backupModeratorId);
        touch(by, now);
        return replaced;
    }

    /**
     * Records that a new version of the credential set replaced the one before it, whether it holds a TOTP seed and
     * what the rotation learnt of its recovery contacts; any rotation flag is cleared, and a new password or TOTP seed
     * starts the rotation schedule again ({@code fallback}: the platform's or the global interval, for an account
     * without its own).
     */
    public void credentialsRotated(RotatedCredentials rotated, RotationInterval fallback, String by, Instant now) {
        if (rotated.version() != credentialVersion + 1) {
            throw new IllegalStateException("credential versions follow each other");
        }
        hold(rotated, fallback, now);
        if (rotated.version() == 1) {
            standing.putInUse();
        }
        touch(by, now);
    }

    /**
     * Records a credential version restored from a disaster-recovery export, as {@link #credentialsRotated} would
     * have at the time it was made ({@code rotatedAt}), but leaving the status and the last change as exported.
     * Versions come oldest first; earlier ones may be missing (an export of the current versions only).
     */
    public void credentialsRestored(RotatedCredentials restored, RotationInterval fallback, Instant rotatedAt) {
        if (restored.version() <= credentialVersion) {
            throw new IllegalStateException("restored credential versions come oldest first");
        }
        hold(restored, fallback, rotatedAt);
    }

    /** The version made at {@code at} is current: what it holds, its schedule and its recovery contacts' verdicts. */
    private void hold(RotatedCredentials version, RotationInterval fallback, Instant at) {
        this.credentialVersion = version.version();
        this.totpSeedEscrowed = version.totpSeedEscrowed();
        this.credentialFields = String.join(",", version.fields());
        rotation().rotated(version.secretReplaced(), fallback, at);
        recovery().judged(version.recovery());
    }

    /**
     * Refuses an approval the account cannot take: it has one already, or it is retired. Asked when the request is
     * made and again when it is decided.
     */
    public void requireApprovable() {
        standing.requireApprovable(id);
    }

    /**
     * Records the approval of request {@code requestId}: a requested account is APPROVED until its first escrow; an
     * account already in use keeps its status and gains the approval it lacked (approved after the fact).
     */
    public Map<String, String> approve(String requestId, String by, Instant now) {
        return touched(standing.approve(id, requestId,
                hasCredentials() ? AccountStatus.ACTIVE : AccountStatus.APPROVED, by, now), by, now);
    }

    /**
     * DGIT suspends the account (policy II): from then only DGIT admins reveal, rotate or change it. Reinstatement
     * returns it to the status it had.
     */
    public Map<String, String> suspend(String reason, String by, Instant now) {
        return touched(standing.suspend(id, reason, by, now), by, now);
    }

    public Map<String, String> reinstate(String reason, String by, Instant now) {
        return touched(standing.reinstate(id, reason, by, now), by, now);
    }

    /** Retires the account: access ends for everyone but DGIT (and auditors' reading); its history stays. */
    public Map<String, String> retire(String reason, String by, Instant now) {
        return touched(standing.retire(id, reason, by, now), by, now);
    }

    /** Flags the credentials for rotation by {@code due} (e.g. someone who could reveal them left); the earliest due date stays. */
    public void requireRotation(Instant now, Instant due) {
        rotation().require(now, due);
    }

    /** Gives the account its own rotation interval; the due date moves with it. Answers the interval before. */
    public RotationInterval setRotationInterval(int days, RotationInterval fallback, String by, Instant now) {
        touch(by, now);
        return rotation().setInterval(days, fallback);
    }

    /** The platform's or the global interval applies again; the due date moves with it. Answers the interval before. */
    public RotationInterval clearRotationInterval(RotationInterval fallback, String by, Instant now) {
        touch(by, now);
        return rotation().clearInterval(fallback);
    }

    /**
     * What the compliance report asks of the account, with its credentials due for rotation at {@code rotationDue}
     * (the registry decides which date that is).
     */
    public AccountFacts facts(Instant rotationDue) {
        AccountRecovery guards = recovery();
        return new AccountFacts(id, departmentId, platform == Platform.OTHER ? platformName : platform.name(), handle,
                displayName, standing.status(), standing.approvedAt(), standing.statusChangedAt(), contentOwnerId,
                backupModeratorId, credentialVersion, credentialFields(), totpSeedEscrowed, guards.platformMfa(),
                guards.recoveryEmailInstitutional(), guards.recoveryPhoneInstitutional(),
                guards.recoveryRulesDigest(), rotationDue);
    }

    /** Who changed the account last, and when (to the microsecond, as the database keeps it). */
    private void touch(String by, Instant now) {
        this.updatedBy = by;
        this.updatedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    /** Touches the account for a status change that happened, and hands on what changed. */
    private Map<String, String> touched(Map<String, String> changed, String by, Instant now) {
        touch(by, now);
        return changed;
    }

    /** Whether {@code personId} is this account's content owner or backup moderator. */
    public boolean heldBy(String personId) {
        return personId != null && (personId.equals(contentOwnerId) || personId.equals(backupModeratorId));
    }

    public boolean hasCredentials() {
        return credentialVersion > 0;
    }

    public String id() {
        return id;
    }

    public Platform platform() {
        return platform;
    }

    public String platformName() {
        return platformName;
    }

    public String handle() {
        return handle;
    }

    public String profileUrl() {
        return profileUrl;
    }

    public String displayName() {
        return displayName;
    }

    public String departmentId() {
        return departmentId;
    }

    public AccountStatus status() {
        return standing.status();
    }

    /** The status with the approval and why it last changed. */
    public AccountStanding standing() {
        return standing;
    }

    public String contentOwnerId() {
        return contentOwnerId;
    }

    public String backupModeratorId() {
        return backupModeratorId;
    }

    public String notes() {
        return notes;
    }

    public int credentialVersion() {
        return credentialVersion;
    }

    /** Whether the current credential version holds a TOTP seed. */
    public boolean totpSeedEscrowed() {
        return totpSeedEscrowed;
    }

    public List<String> credentialFields() {
        return credentialFields.isEmpty() ? List.of() : List.of(credentialFields.split(","));
    }

    /** When the credentials are due for rotation, and why. */
    public RotationSchedule rotation() {
        if (rotation == null) {
            rotation = new RotationSchedule();
        }
        return rotation;
    }

    /** The platform's second factor and what is known of the recovery contacts. */
    public AccountRecovery recovery() {
        if (recovery == null) {
            recovery = new AccountRecovery();
        }
        return recovery;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String updatedBy() {
        return updatedBy;
    }
}
