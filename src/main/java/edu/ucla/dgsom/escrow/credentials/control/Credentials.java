package edu.ucla.dgsom.escrow.credentials.control;

import edu.ucla.dgsom.escrow.accounts.control.AccountAccess;
import edu.ucla.dgsom.escrow.accounts.control.AccountAccess.Capability;
import edu.ucla.dgsom.escrow.accounts.entity.OfficialAccount;
import edu.ucla.dgsom.escrow.audit.control.AuditAction;
import edu.ucla.dgsom.escrow.audit.control.AuditTrail;
import edu.ucla.dgsom.escrow.audit.control.Outcome;
import edu.ucla.dgsom.escrow.credentials.boundary.CredentialChange;
import edu.ucla.dgsom.escrow.credentials.boundary.RevealedCredentials;
import edu.ucla.dgsom.escrow.credentials.boundary.TotpCode;
import edu.ucla.dgsom.escrow.credentials.entity.CredentialField;
import edu.ucla.dgsom.escrow.credentials.entity.CredentialVersion;
import edu.ucla.dgsom.escrow.crypto.control.SealContext;
import edu.ucla.dgsom.escrow.crypto.control.SealedValues;
import edu.ucla.dgsom.escrow.crypto.control.Totp;
import edu.ucla.dgsom.escrow.problems.Problem;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import edu.ucla.dgsom.escrow.security.Caller;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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
    SealedValues sealed;

    @Inject
    Event<CredentialsRotated> rotated;

    /**
     * Creates the version after {@code replacing}, which must be the current one (0 for the first set; null when
     * the caller named none, which is refused).
     */
    public CredentialVersion rotate(String accountId, Integer replacing, CredentialChange change) {
        OfficialAccount account = access.require(accountId, Capability.ROTATE, AuditAction.CREDENTIAL_ROTATE,
                change.reason(), true);
        if (replacing == null) {
            throw access.fail(AuditAction.CREDENTIAL_ROTATE, AccountAccess.target(account), change.reason(),
                    "no If-Match", new ProblemException(ProblemType.PRECONDITION_REQUIRED, "Name the version you"
                            + " are replacing in an If-Match header, e.g. If-Match: \"3\" (\"0\" for the first"
                            + " credentials)"));
        }
        String reason = requireReason(account, AuditAction.CREDENTIAL_ROTATE, change.reason());
        if (account.credentialVersion() != replacing) {
            throw access.fail(AuditAction.CREDENTIAL_ROTATE, AccountAccess.target(account), reason,
                    "stale version " + replacing + ", current " + account.credentialVersion(),
                    new ProblemException(ProblemType.PRECONDITION_FAILED, "Version " + replacing + " is not the"
                            + " current version (" + account.credentialVersion() + "); reveal the current one and"
                            + " apply your change to it"));
        }
        Map<CredentialField, byte[]> values = CredentialValues.of(change);
        try {
            Set<CredentialField> cleared = cleared(change, values.keySet());
            CredentialVersion previous = replacing == 0 ? null
                    : em.find(CredentialVersion.class, new CredentialVersion.Key(account.id(), replacing));
            if (replacing > 0 && previous == null) {
                throw new IllegalStateException("credential version " + replacing + " of " + account.id()
                        + " is missing");
            }
            Set<CredentialField> changed = EnumSet.noneOf(CredentialField.class);
            changed.addAll(values.keySet());
            for (CredentialField field : CredentialField.values()) {
                boolean held = previous != null && previous.holds(field);
                if (held && cleared.contains(field)) {
                    changed.add(field);
                } else if (held && !values.containsKey(field)) {
                    values.put(field, open(account.id(), replacing, field));
                }
            }
            if (change.recoveryCodesUsed() != null && !change.recoveryCodesUsed().isEmpty()) {
                byte[] codes = values.get(CredentialField.RECOVERY_CODES);
                if (codes == null) {
                    throw ProblemException.invalidField("recoveryCodesUsed", "there are no recovery codes to mark");
                }
                values.put(CredentialField.RECOVERY_CODES, CredentialValues.markUsed(codes,
                        change.recoveryCodesUsed()));
                changed.add(CredentialField.RECOVERY_CODES);
            }
            if (changed.isEmpty()) {
                throw ProblemException.invalidField("request", "name at least one field to change, clear or mark");
            }
            if (values.isEmpty()) {
                throw ProblemException.invalidField("clear", "a credential set keeps at least one field");
            }
            int version = replacing + 1;
            values.forEach((field, plaintext) -> sealed.seal(context(account.id(), version, field), plaintext));
            Instant now = Instant.now();
            CredentialVersion created = new CredentialVersion(account.id(), version, values.keySet(), changed, reason,
                    caller.auditName(), now);
            em.persist(created);
            account.credentialsRotated(version, caller.auditName(), now);
            rotated.fire(new CredentialsRotated(account.id(), version, Set.copyOf(changed)));
            audit.record(AuditAction.CREDENTIAL_ROTATE, AccountAccess.target(account), Outcome.ALLOWED, reason,
                    Map.of("version", Integer.toString(version), "replaced", Integer.toString(replacing),
                            "changed", keys(changed)));
            return created;
        } finally {
            values.values().forEach(CredentialValues::wipe);
        }
    }

    /** The plaintext of the current version ({@code version} null) or of an earlier one (stewards only). */
    public RevealedCredentials reveal(String accountId, Integer version, String statedReason, List<String> fieldKeys) {
        OfficialAccount account = access.require(accountId, version == null ? Capability.REVEAL_CURRENT
                : Capability.REVEAL_HISTORY, AuditAction.CREDENTIAL_REVEAL, statedReason, true);
        String reason = requireReason(account, AuditAction.CREDENTIAL_REVEAL, statedReason);
        Set<CredentialField> wanted = fields(fieldKeys);
        CredentialVersion revealed = existing(account, version == null ? account.credentialVersion() : version,
                AuditAction.CREDENTIAL_REVEAL, reason);
        Set<CredentialField> fields = EnumSet.copyOf(wanted);
        fields.retainAll(revealed.fields());
        audit.record(AuditAction.CREDENTIAL_REVEAL, AccountAccess.target(account), Outcome.ALLOWED, reason,
                Map.of("version", Integer.toString(revealed.version()), "fields", keys(fields)));
        Map<CredentialField, byte[]> plaintext = new EnumMap<>(CredentialField.class);
        try {
            for (CredentialField field : fields) {
                plaintext.put(field, open(account.id(), revealed.version(), field));
            }
            return CredentialValues.reveal(account.id(), revealed, plaintext);
        } catch (RuntimeException e) {
            // The ALLOWED entry rolls back with the request: the attempt is kept apart.
            throw access.fail(AuditAction.CREDENTIAL_REVEAL, AccountAccess.target(account), reason,
                    "could not open the stored values", e);
        } finally {
            plaintext.values().forEach(CredentialValues::wipe);
        }
    }

    /** The current TOTP code of the account, computed here so that the seed never leaves the service. */
    public TotpCode totpCode(String accountId, String statedReason) {
        OfficialAccount account = access.require(accountId, Capability.REVEAL_CURRENT, AuditAction.TOTP_CODE,
                statedReason, true);
        String reason = requireReason(account, AuditAction.TOTP_CODE, statedReason);
        CredentialVersion current = existing(account, account.credentialVersion(), AuditAction.TOTP_CODE, reason);
        if (!current.holds(CredentialField.TOTP)) {
            throw access.fail(AuditAction.TOTP_CODE, AccountAccess.target(account), reason, "no TOTP seed",
                    ProblemException.notFound("A TOTP seed of account " + account.id()));
        }
        audit.record(AuditAction.TOTP_CODE, AccountAccess.target(account), Outcome.ALLOWED, reason,
                Map.of("version", Integer.toString(current.version())));
        TotpSettings settings;
        try {
            byte[] encoded = open(account.id(), current.version(), CredentialField.TOTP);
            settings = TotpSettings.decode(encoded);
            CredentialValues.wipe(encoded);
        } catch (RuntimeException e) {
            throw access.fail(AuditAction.TOTP_CODE, AccountAccess.target(account), reason,
                    "could not open the stored seed", e);
        }
        try {
            Instant now = Instant.now();
            String code = Totp.code(settings.seed(), Totp.step(now, settings.period()), settings.algorithm(),
                    settings.digits());
            int secondsLeft = settings.period() - (int) Math.floorMod(now.getEpochSecond(), settings.period());
            return new TotpCode(code, secondsLeft, settings.digits(), settings.period(), current.version());
        } finally {
            settings.wipe();
        }
    }

    /** The versions, newest first, for those who may see the history. */
    public List<CredentialVersion> versions(String accountId) {
        OfficialAccount account = access.require(accountId, Capability.READ_HISTORY, AuditAction.CREDENTIAL_HISTORY,
                null, false);
        return em.createNamedQuery(CredentialVersion.OF_ACCOUNT, CredentialVersion.class)
                .setParameter("account", account.id()).getResultList();
    }

    public CredentialVersion version(String accountId, int version) {
        OfficialAccount account = access.require(accountId, Capability.READ_HISTORY, AuditAction.CREDENTIAL_HISTORY,
                null, false);
        return existing(account, version, AuditAction.CREDENTIAL_HISTORY, null);
    }

    /** The current credential version of an account the caller may see (0 when none is stored yet). */
    public int currentVersion(String accountId) {
        return access.require(accountId, Capability.READ, AuditAction.ACCOUNT_READ, null, false).credentialVersion();
    }

    private CredentialVersion existing(OfficialAccount account, int version, AuditAction action, String reason) {
        CredentialVersion found = version < 1 ? null
                : em.find(CredentialVersion.class, new CredentialVersion.Key(account.id(), version));
        if (found == null) {
            throw access.fail(action, AccountAccess.target(account), reason, "no version " + version,
                    ProblemException.notFound(account.hasCredentials() ? "Version " + version + " of the credentials"
                            : "Stored credentials of account " + account.id()));
        }
        return found;
    }

    /** A reason of at least 10 characters is required before any secret is touched; its absence is audited. */
    private String requireReason(OfficialAccount account, AuditAction action, String statedReason) {
        String reason = AccountAccess.clip(statedReason);
        if (reason == null || reason.codePointCount(0, reason.length()) < MIN_REASON) {
            throw access.fail(action, AccountAccess.target(account), reason, "no reason given",
                    new ProblemException(ProblemType.VALIDATION_FAILED, "State why, in at least " + MIN_REASON
                            + " characters", List.of(new Problem.FieldError("reason", "at least " + MIN_REASON
                            + " characters"))));
        }
        return reason;
    }

    private byte[] open(String accountId, int version, CredentialField field) {
        return sealed.open(context(accountId, version, field)).orElseThrow(() -> new IllegalStateException(
                "credential field " + field.key() + " of version " + version + " is missing"));
    }

    private static SealContext context(String accountId, int version, CredentialField field) {
        return new SealContext(SEALED_TABLE, accountId, field.key(), version);
    }

    private static Set<CredentialField> cleared(CredentialChange change, Set<CredentialField> set) {
        Set<CredentialField> cleared = EnumSet.noneOf(CredentialField.class);
        for (String key : change.clear() == null ? List.<String>of() : change.clear()) {
            CredentialField field = CredentialField.byKey(key).orElseThrow(() -> ProblemException.invalidField("clear",
                    "unknown field " + clipName(key) + "; one of " + allKeys()));
            if (set.contains(field)) {
                throw ProblemException.invalidField("clear", field.key() + " is both set and cleared");
            }
            cleared.add(field);
        }
        return cleared;
    }

    private static Set<CredentialField> fields(List<String> keys) {
        if (keys == null || keys.isEmpty()) {
            return EnumSet.allOf(CredentialField.class);
        }
        Set<CredentialField> fields = EnumSet.noneOf(CredentialField.class);
        for (String key : keys) {
            fields.add(CredentialField.byKey(key).orElseThrow(() -> ProblemException.invalidField("fields",
                    "unknown field " + clipName(key) + "; one of " + allKeys())));
        }
        return fields;
    }

    private static String clipName(String key) {
        return key.length() > 32 ? key.substring(0, 32) : key;
    }

    private static String allKeys() {
        return Arrays.stream(CredentialField.values()).map(CredentialField::key).collect(Collectors.joining(", "));
    }

    private static String keys(Set<CredentialField> fields) {
        return fields.stream().sorted().map(CredentialField::key).collect(Collectors.joining(","));
    }

}
