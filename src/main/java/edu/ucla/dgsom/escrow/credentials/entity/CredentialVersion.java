package edu.ucla.dgsom.escrow.credentials.entity;

import edu.ucla.dgsom.escrow.problems.ProblemException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * One immutable version of an account's credential set: which fields it holds, which changed from the version
 * before, who made it, when and why. The values are sealed by the barrier, bound to account, version and field.
 */
@Entity
@Table(name = "credential_version")
@IdClass(CredentialVersion.Key.class)
@NamedQuery(name = CredentialVersion.OF_ACCOUNT, query = "SELECT v FROM CredentialVersion v"
        + " WHERE v.accountId = :account ORDER BY v.version DESC")
public class CredentialVersion {

    public static final String OF_ACCOUNT = "CredentialVersion.ofAccount";

    /** The composite primary key. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private String accountId;
        private int version;

        public Key() {
        }

        public Key(String accountId, int version) {
            this.accountId = accountId;
            this.version = version;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.accountId.equals(accountId) && key.version == version;
        }

        @Override
        public int hashCode() {
            return accountId.hashCode() * 31 + version;
        }
    }

    @Id
    @Column(name = "account_id")
    private String accountId;

    @Id
    private int version;

    @Column(nullable = false, updatable = false)
    private String fields;

    @Column(name = "changed_fields", nullable = false, updatable = false)
    private String changedFields;

    @Column(nullable = false, updatable = false)
    private String reason;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    protected CredentialVersion() {
    }

    private CredentialVersion(String accountId, int version, Set<CredentialField> fields,
            Set<CredentialField> changedFields, String reason, String createdBy, Instant createdAt) {
        this.accountId = accountId;
        this.version = version;
        this.fields = CredentialField.keys(fields);
        this.changedFields = CredentialField.keys(changedFields);
        this.reason = reason;
        this.createdBy = createdBy;
        this.createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
    }

    private static Set<CredentialField> decode(String keys) {
        Set<CredentialField> set = EnumSet.noneOf(CredentialField.class);
        Arrays.stream(keys.split(",")).filter(k -> !k.isEmpty())
                .forEach(k -> set.add(CredentialField.byKey(k).orElseThrow()));
        return set;
    }

    /**
     * What the version after {@code previous} (null before the first) is made of: the fields {@code set} replace,
     * those {@code cleared} drop, the rest carry over; marking recovery codes as used changes them. Refused when it
     * would change nothing or leave no field.
     */
    public static Successor successor(CredentialVersion previous, Set<CredentialField> set,
            Set<CredentialField> cleared, boolean marksRecoveryCodes) {
        Set<CredentialField> held = previous == null ? EnumSet.noneOf(CredentialField.class) : previous.fields();
        Set<CredentialField> carried = EnumSet.noneOf(CredentialField.class);
        Set<CredentialField> changed = EnumSet.noneOf(CredentialField.class);
        changed.addAll(set);
        for (CredentialField field : cleared) {
            if (set.contains(field)) {
                throw ProblemException.invalidField("clear", field.key() + " is both set and cleared");
            }
        }
        for (CredentialField field : held) {
            if (cleared.contains(field)) {
                changed.add(field);
            } else if (!set.contains(field)) {
                carried.add(field);
            }
        }
        Set<CredentialField> fields = EnumSet.noneOf(CredentialField.class);
        fields.addAll(set);
        fields.addAll(carried);
        if (marksRecoveryCodes) {
            if (!fields.contains(CredentialField.RECOVERY_CODES)) {
                throw ProblemException.invalidField("recoveryCodesUsed", "there are no recovery codes to mark");
            }
            changed.add(CredentialField.RECOVERY_CODES);
        }
        if (changed.isEmpty()) {
            throw ProblemException.invalidField("request", "name at least one field to change, clear or mark");
        }
        if (fields.isEmpty()) {
            throw ProblemException.invalidField("clear", "a credential set keeps at least one field");
        }
        return new Successor(previous == null ? 1 : previous.version + 1, fields, carried, changed);
    }

    /**
     * A version restored from a disaster-recovery export under its own number, made by whom and when the export
     * says; {@code changedFields}: those that differ from the version restored before it (all, for the first).
     */
    public static CredentialVersion restored(String accountId, int version, Set<CredentialField> fields,
            Set<CredentialField> changedFields, String reason, String createdBy, Instant createdAt) {
        if (version < 1 || fields.isEmpty()) {
            throw new IllegalArgumentException("a restored version has a number from 1 and at least one field");
        }
        return new CredentialVersion(accountId, version, fields, changedFields, reason, createdBy, createdAt);
    }

    /** The next version's number and fields: {@code carried} are opened from the version before and sealed again. */
    public record Successor(int version, Set<CredentialField> fields, Set<CredentialField> carried,
            Set<CredentialField> changed) {

        public CredentialVersion create(String accountId, String reason, String createdBy, Instant createdAt) {
            return new CredentialVersion(accountId, version, fields, changed, reason, createdBy, createdAt);
        }
    }

    public boolean holds(CredentialField field) {
        return fields().contains(field);
    }

    public String accountId() {
        return accountId;
    }

    public int version() {
        return version;
    }

    public Set<CredentialField> fields() {
        return decode(fields);
    }

    public Set<CredentialField> changedFields() {
        return decode(changedFields);
    }

    public String reason() {
        return reason;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }
}
