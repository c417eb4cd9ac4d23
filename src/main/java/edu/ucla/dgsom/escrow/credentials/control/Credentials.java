package edu.ucla.dgsom.escrow.credentials.control;

import edu.ucla.dgsom.escrow.accounts.control.AccountAccess;
import edu.ucla.dgsom.escrow.accounts.control.AccountAccess.Capability;
import edu.ucla.dgsom.escrow.accounts.control.AccountId;
import edu.ucla.dgsom.escrow.accounts.control.AccountRef;
import edu.ucla.dgsom.escrow.accounts.control.Accounts;
import edu.ucla.dgsom.escrow.accounts.control.RecoveryRules;
import edu.ucla.dgsom.escrow.accounts.entity.RecoveryFacts;
import edu.ucla.dgsom.escrow.accounts.entity.RotatedCredentials;
import edu.ucla.dgsom.escrow.audit.control.AuditAction;
import edu.ucla.dgsom.escrow.audit.control.AuditTrail;
import edu.ucla.dgsom.escrow.audit.control.Outcome;
import edu.ucla.dgsom.escrow.credentials.entity.CredentialField;
import edu.ucla.dgsom.escrow.credentials.entity.CredentialVersion;
import edu.ucla.dgsom.escrow.crypto.control.SealContext;
import edu.ucla.dgsom.escrow.crypto.control.SealedValues;
import edu.ucla.dgsom.escrow.problems.Problem;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import edu.ucla.dgsom.escrow.security.Caller;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The versioned credential sets of official accounts. A rotation seals every field of the new version under that
 * version (unchanged fields are opened and sealed again, so no ciphertext serves two versions); a reveal opens only
 * the fields asked for. Plaintext byte arrays are wiped as soon as they are sealed or turned into the answer. Every
 * rotation, reveal and TOTP code, allowed or not, is in the audit trail with the caller's reason.
 */
@Stateless
public class Credentials {

    /** The owner table of credential fields in the sealed values: record id = account id. */
    static final String SEALED_TABLE = "credential";
    private static final int MIN_REASON = 10;

    @PersistenceContext
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    AccountAccess access;

    @Inject
    Accounts accounts;

    @Inject
    SealedValues sealed;

    @Inject
    Event<CredentialsRotated> rotated;

    @Inject
    RecoveryRules recoveryRules;

    /**
     * Creates the version after {@code replacing}, which must be the current one (0 for the first set; null when
     * the caller named none, which is refused).
     */
    public CredentialVersion rotate(AccountId accountId, Integer replacing, NewSecrets secrets, String statedReason) {
        AccountRef account = access.requireForUpdate(accountId, Capability.ROTATE, AuditAction.CREDENTIAL_ROTATE,
                statedReason);
        requireIfMatch(account, replacing, statedReason);
        String reason = requireReason(account, AuditAction.CREDENTIAL_ROTATE, statedReason);
        CredentialVersion previous = replaced(account, replacing, reason);
        Sealed next = sealSuccessor(account, previous, secrets);
        CredentialVersion created = next.successor().create(account.id(), reason, caller.auditName(), Instant.now());
        em.persist(created);
        CredentialsRotated event = new CredentialsRotated(account.id(), created.version(),
                Set.copyOf(created.changedFields()));
        accounts.credentialsRotated(account, new RotatedCredentials(created.version(),
                created.holds(CredentialField.TOTP), created.fields().stream().map(CredentialField::key).toList(),
                event.secretReplaced(), next.recovery()));
        rotated.fire(event);
        audit.record(AuditAction.CREDENTIAL_ROTATE, account.target(), Outcome.ALLOWED, reason,
                Map.of("version", Integer.toString(created.version()), "replaced", Integer.toString(created.version()
                        - 1), "changed", CredentialField.keys(created.changedFields())));
        return created;
    }

    /** The sealed successor, and what its recovery contacts are, judged while their plaintext was at hand. */
    private record Sealed(CredentialVersion.Successor successor, RecoveryFacts recovery) {
    }

    /**
     * Seals every field of the version after {@code previous}: those {@code secrets} set, and those carried over,
     * opened from {@code previous} and sealed again under the new version, and judges its recovery e-mail and phone
     * by the school's rules (only the verdicts are kept). Plaintext is wiped as soon as it is sealed.
     */
    private Sealed sealSuccessor(AccountRef account, CredentialVersion previous, NewSecrets secrets) {
        Map<CredentialField, byte[]> values = CredentialValues.of(secrets);
        try {
            CredentialVersion.Successor next = CredentialVersion.successor(previous, values.keySet(), secrets.clear(),
                    secrets.marksRecoveryCodes());
            next.carried().forEach(field -> values.put(field, open(account.id(), previous.version(), field)));
            if (secrets.marksRecoveryCodes()) {
                values.put(CredentialField.RECOVERY_CODES, CredentialValues.markUsed(
                        values.get(CredentialField.RECOVERY_CODES), secrets.recoveryCodesUsed()));
            }
            values.forEach((field, plaintext) -> sealed.seal(context(account.id(), next.version(), field), plaintext));
            return new Sealed(next, recoveryRules.current().classify(
                    CredentialValues.text(values.get(CredentialField.RECOVERY_EMAIL)),
                    CredentialValues.text(values.get(CredentialField.RECOVERY_PHONE))));
        } finally {
            values.values().forEach(CredentialValues::wipe);
        }
    }

    private void requireIfMatch(AccountRef account, Integer replacing, String statedReason) {
        if (replacing == null) {
            throw audit.fail(AuditAction.CREDENTIAL_ROTATE, account.target(), AccountAccess.clip(statedReason),
                    "no If-Match", new ProblemException(ProblemType.PRECONDITION_REQUIRED, "Name the version you are"
                            + " replacing in an If-Match header, e.g. If-Match: \"3\" (\"0\" for the first"
                            + " credentials)"));
        }
    }

    /** The version a rotation replaces: the current one, named in If-Match (null before the first set). */
    private CredentialVersion replaced(AccountRef account, int replacing, String reason) {
        if (account.credentialVersion() != replacing) {
            throw audit.fail(AuditAction.CREDENTIAL_ROTATE, account.target(), reason, "stale version " + replacing
                    + ", current " + account.credentialVersion(), new ProblemException(
                            ProblemType.PRECONDITION_FAILED, "Version " + replacing + " is not the current version ("
                            + account.credentialVersion() + "); reveal the current one and apply your change to it"));
        }
        return replacing == 0 ? null : existing(account, replacing, AuditAction.CREDENTIAL_ROTATE, reason);
    }

    /** The plaintext of the current version. */
    public RevealedCredentials revealCurrent(AccountId accountId, String statedReason, Set<CredentialField> wanted) {
        AccountRef account = access.requireForUpdate(accountId, Capability.REVEAL_CURRENT,
                AuditAction.CREDENTIAL_REVEAL, statedReason);
        return reveal(account, account.credentialVersion(), statedReason, wanted);
    }

    /** The plaintext of an earlier version, for stewards only. */
    public RevealedCredentials reveal(AccountId accountId, int version, String statedReason,
            Set<CredentialField> wanted) {
        AccountRef account = access.requireForUpdate(accountId, Capability.REVEAL_HISTORY,
                AuditAction.CREDENTIAL_REVEAL, statedReason);
        return reveal(account, version, statedReason, wanted);
    }

    private RevealedCredentials reveal(AccountRef account, int version, String statedReason,
            Set<CredentialField> wanted) {
        String reason = requireReason(account, AuditAction.CREDENTIAL_REVEAL, statedReason);
        CredentialVersion revealed = existing(account, version, AuditAction.CREDENTIAL_REVEAL, reason);
        Set<CredentialField> fields = EnumSet.copyOf(wanted);
        fields.retainAll(revealed.fields());
        audit.record(AuditAction.CREDENTIAL_REVEAL, account.target(), Outcome.ALLOWED, reason,
                Map.of("version", Integer.toString(revealed.version()), "fields", CredentialField.keys(fields)));
        try {
            return opened(account, revealed, fields);
        } catch (RuntimeException e) {
            // The ALLOWED entry rolls back with the request: the attempt is kept apart.
            throw audit.fail(AuditAction.CREDENTIAL_REVEAL, account.target(), reason,
                    "could not open the stored values", e);
        }
    }

    /**
     * Every field of the account's current version, or of every version (oldest first), for the disaster-recovery
     * export; empty before the first set. The reveal rules apply (REVEAL_CURRENT, REVEAL_HISTORY for every version:
     * a person with MFA who stewards the account) and a refusal is audited under {@code action}; a granted export is
     * audited once, by the export, in this transaction, which commits before any of it leaves the service.
     */
    public List<RevealedCredentials> forRecovery(AccountId accountId, VersionScope scope, AuditAction action,
            String reason) {
        AccountRef account = access.require(accountId, scope == VersionScope.ALL ? Capability.REVEAL_HISTORY
                : Capability.REVEAL_CURRENT, action, reason);
        if (!account.hasCredentials()) {
            return List.of();
        }
        List<CredentialVersion> versions = scope == VersionScope.ALL
                ? em.createNamedQuery(CredentialVersion.OF_ACCOUNT, CredentialVersion.class)
                        .setParameter("account", account.id()).getResultList()
                : List.of(existing(account, account.credentialVersion(), action, reason));
        return versions.stream().sorted(Comparator.comparingInt(CredentialVersion::version))
                .map(v -> opened(account, v, v.fields())).toList();
    }

    /**
     * Stores the credential versions a disaster-recovery export holds for an account the restore has just registered
     * ({@code account}, from {@code Registry.restore}): oldest first, each under its own number, made by whom and
     * when the export says, sealed under this installation's barrier; the fields that changed are those that differ
     * from the version before it in the file. {@code reason} (the restore's) stands for the rotation reasons, which
     * the export does not carry; {@code where} names the versions in a refusal (e.g. {@code accounts[3].credentials}).
     * Audited once, by the restore. Plaintext is wiped as soon as it is sealed.
     */
    public void restore(AccountRef account, List<RevealedCredentials> versions, String reason, String where) {
        Map<CredentialField, byte[]> previous = Map.of();
        try {
            for (int i = 0; i < versions.size(); i++) {
                RevealedCredentials restored = versions.get(i);
                String field = where + "[" + i + "]";
                int last = i == 0 ? 0 : versions.get(i - 1).version();
                if (restored.version() <= last) {
                    throw ProblemException.invalidField(field + ".version", "versions are numbered from 1, oldest"
                            + " first");
                }
                Map<CredentialField, byte[]> values = CredentialValues.of(restored, field);
                Set<CredentialField> changed = EnumSet.noneOf(CredentialField.class);
                Map<CredentialField, byte[]> before = previous;
                values.forEach((f, value) -> {
                    if (!before.containsKey(f) || !MessageDigest.isEqual(before.get(f), value)) {
                        changed.add(f);
                    }
                });
                before.keySet().stream().filter(f -> !values.containsKey(f)).forEach(changed::add);
                before.values().forEach(CredentialValues::wipe);
                previous = values;
                if (values.isEmpty()) {
                    throw new ProblemException(ProblemType.UNPROCESSABLE, "A credential version holds at least one"
                            + " field", List.of(new Problem.FieldError(field, "no field")));
                }
                CredentialVersion created = CredentialVersion.restored(account.id(), restored.version(),
                        values.keySet(), changed, reason, restored.rotatedBy() == null ? caller.auditName()
                        : restored.rotatedBy(), restored.rotatedAt() == null ? Instant.now() : restored.rotatedAt());
                em.persist(created);
                values.forEach((f, plaintext) -> sealed.seal(context(account.id(), created.version(), f), plaintext));
                RotatedCredentials rotatedCredentials = new RotatedCredentials(created.version(),
                        created.holds(CredentialField.TOTP), created.fields().stream().map(CredentialField::key)
                        .toList(), changed.contains(CredentialField.PASSWORD) || changed.contains(CredentialField.TOTP),
                        recoveryRules.current().classify(CredentialValues.text(values.get(CredentialField
                                .RECOVERY_EMAIL)), CredentialValues.text(values.get(CredentialField.RECOVERY_PHONE))));
                accounts.credentialsRestored(account, rotatedCredentials, created.createdAt());
            }
        } finally {
            previous.values().forEach(CredentialValues::wipe);
        }
    }

    /** The plaintext of {@code fields} of {@code version}; the opened byte arrays are wiped once turned into it. */
    private RevealedCredentials opened(AccountRef account, CredentialVersion version, Set<CredentialField> fields) {
        Map<CredentialField, byte[]> plaintext = new EnumMap<>(CredentialField.class);
        try {
            Map<SealContext, CredentialField> wanted = new HashMap<>();
            fields.forEach(field -> wanted.put(context(account.id(), version.version(), field), field));
            sealed.open(wanted.keySet()).forEach((context, value) -> plaintext.put(wanted.get(context), value));
            for (CredentialField field : fields) {
                if (!plaintext.containsKey(field)) {
                    throw missing(field, version.version());
                }
            }
            return CredentialValues.reveal(account.id(), version, plaintext);
        } finally {
            plaintext.values().forEach(CredentialValues::wipe);
        }
    }

    /** The current TOTP code of the account, computed here so that the seed never leaves the service. */
    public TotpCode totpCode(AccountId accountId, String statedReason) {
        AccountRef account = access.requireForUpdate(accountId, Capability.REVEAL_CURRENT, AuditAction.TOTP_CODE,
                statedReason);
        String reason = requireReason(account, AuditAction.TOTP_CODE, statedReason);
        CredentialVersion current = existing(account, account.credentialVersion(), AuditAction.TOTP_CODE, reason);
        if (!current.holds(CredentialField.TOTP)) {
            throw audit.fail(AuditAction.TOTP_CODE, account.target(), reason, "no TOTP seed",
                    ProblemException.notFound("A TOTP seed of account " + account.id()));
        }
        audit.record(AuditAction.TOTP_CODE, account.target(), Outcome.ALLOWED, reason,
                Map.of("version", Integer.toString(current.version())));
        TotpSettings settings;
        try {
            byte[] encoded = open(account.id(), current.version(), CredentialField.TOTP);
            settings = TotpSettings.decode(encoded);
            CredentialValues.wipe(encoded);
        } catch (RuntimeException e) {
            throw audit.fail(AuditAction.TOTP_CODE, account.target(), reason, "could not open the stored seed", e);
        }
        try {
            return TotpCode.at(settings, Instant.now(), current.version());
        } finally {
            settings.wipe();
        }
    }

    /**
     * Whether the current version holds every value {@code secrets} sets, as it sets it (an import of a login escrowed
     * already stores nothing). Compared here, in constant time, so no value leaves the service; for those who may
     * rotate the account.
     */
    public boolean holdsAlready(AccountId accountId, NewSecrets secrets) {
        AccountRef account = access.require(accountId, Capability.ROTATE, AuditAction.CREDENTIAL_ROTATE, null);
        if (!account.hasCredentials()) {
            return false;
        }
        CredentialVersion current = existing(account, account.credentialVersion(), AuditAction.CREDENTIAL_ROTATE,
                null);
        Map<CredentialField, byte[]> wanted = CredentialValues.of(secrets);
        try {
            for (Map.Entry<CredentialField, byte[]> value : wanted.entrySet()) {
                if (!current.holds(value.getKey())) {
                    return false;
                }
                byte[] stored = open(account.id(), current.version(), value.getKey());
                try {
                    if (!MessageDigest.isEqual(stored, value.getValue())) {
                        return false;
                    }
                } finally {
                    CredentialValues.wipe(stored);
                }
            }
            return true;
        } finally {
            wanted.values().forEach(CredentialValues::wipe);
        }
    }

    /** The versions, newest first, for those who may see the history. */
    public List<CredentialVersion> versions(AccountId accountId) {
        AccountRef account = access.require(accountId, Capability.READ_HISTORY, AuditAction.CREDENTIAL_HISTORY, null);
        return em.createNamedQuery(CredentialVersion.OF_ACCOUNT, CredentialVersion.class)
                .setParameter("account", account.id()).getResultList();
    }

    public CredentialVersion version(AccountId accountId, int version) {
        AccountRef account = access.require(accountId, Capability.READ_HISTORY, AuditAction.CREDENTIAL_HISTORY, null);
        return existing(account, version, AuditAction.CREDENTIAL_HISTORY, null);
    }

    /** The current credential version of an account the caller may see (0 when none is stored yet). */
    public int currentVersion(AccountId accountId) {
        return access.require(accountId, Capability.READ, AuditAction.ACCOUNT_READ, null).credentialVersion();
    }

    private CredentialVersion existing(AccountRef account, int version, AuditAction action, String reason) {
        CredentialVersion found = version < 1 ? null
                : em.find(CredentialVersion.class, new CredentialVersion.Key(account.id(), version));
        if (found == null) {
            throw audit.fail(action, account.target(), reason, "no version " + version,
                    ProblemException.notFound(account.hasCredentials() ? "Version " + version + " of the credentials"
                            : "Stored credentials of account " + account.id()));
        }
        return found;
    }

    /** A reason of at least 10 characters is required before any secret is touched; its absence is audited. */
    private String requireReason(AccountRef account, AuditAction action, String statedReason) {
        String reason = AccountAccess.clip(statedReason);
        if (reason == null || reason.codePointCount(0, reason.length()) < MIN_REASON) {
            throw audit.fail(action, account.target(), reason, "no reason given",
                    new ProblemException(ProblemType.VALIDATION_FAILED, "State why, in at least " + MIN_REASON
                            + " characters", List.of(new Problem.FieldError("reason", "at least " + MIN_REASON
                            + " characters"))));
        }
        return reason;
    }

    private byte[] open(String accountId, int version, CredentialField field) {
        return sealed.open(context(accountId, version, field)).orElseThrow(() -> missing(field, version));
    }

    private static IllegalStateException missing(CredentialField field, int version) {
        return new IllegalStateException("credential field " + field.key() + " of version " + version + " is missing");
    }

    private static SealContext context(String accountId, int version, CredentialField field) {
        return new SealContext(SEALED_TABLE, accountId, field.key(), version);
    }
}
