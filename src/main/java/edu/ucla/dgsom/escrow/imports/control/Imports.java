package edu.ucla.dgsom.escrow.imports.control;

import edu.ucla.dgsom.escrow.accounts.control.AccountId;
import edu.ucla.dgsom.escrow.accounts.control.AccountRef;
import edu.ucla.dgsom.escrow.accounts.control.Accounts;
import edu.ucla.dgsom.escrow.accounts.control.NewAccount;
import edu.ucla.dgsom.escrow.accounts.entity.AccountStatus;
import edu.ucla.dgsom.escrow.audit.control.AuditAction;
import edu.ucla.dgsom.escrow.audit.control.AuditTrail;
import edu.ucla.dgsom.escrow.audit.control.Outcome;
import edu.ucla.dgsom.escrow.credentials.control.Credentials;
import edu.ucla.dgsom.escrow.credentials.control.NewSecrets;
import edu.ucla.dgsom.escrow.credentials.control.TotpInput;
import edu.ucla.dgsom.escrow.credentials.control.TotpSettings;
import edu.ucla.dgsom.escrow.crypto.control.SealContext;
import edu.ucla.dgsom.escrow.crypto.control.SealedValues;
import edu.ucla.dgsom.escrow.imports.entity.ExistingAccount;
import edu.ucla.dgsom.escrow.imports.entity.ImportFormat;
import edu.ucla.dgsom.escrow.imports.entity.ImportMapping;
import edu.ucla.dgsom.escrow.imports.entity.ImportPlan;
import edu.ucla.dgsom.escrow.imports.entity.ImportedEntry;
import edu.ucla.dgsom.escrow.imports.entity.ImportedTotp;
import edu.ucla.dgsom.escrow.imports.entity.PendingImport;
import edu.ucla.dgsom.escrow.imports.entity.PlannedEntry;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import edu.ucla.dgsom.escrow.security.Caller;
import edu.ucla.dgsom.escrow.security.Secrets;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Imports from other password managers (docs/migration.md) in two steps: an upload is read, its entries sealed by the
 * barrier and a plan previewed; the importer edits the mapping, then commits it in one transaction, or cancels it.
 * Only its importer sees an upload. Every step is audited with the file's digest and counts, never a value from it.
 */
@Stateless
public class Imports {

    static final String SEALED_TABLE = "pending_import";
    private static final String SEALED_FIELD = "entries";
    /** Entries stored between two flushes of a commit. */
    private static final int FLUSH_EVERY = 100;

    @PersistenceContext
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    ExportReader reader;

    @Inject
    SealedValues sealed;

    @Inject
    Accounts accounts;

    @Inject
    Credentials credentials;

    @Inject
    ImportMappings mappings;

    /** An upload and what its commit would do now. */
    public record Preview(PendingImport pending, ImportPlan plan) {
    }

    /**
     * Reads {@code file} as {@code format} (detected from the content when null; {@code password} opens a
     * password-protected export) and seals its entries for the preview; {@code departmentId} is the default
     * department of its new accounts, or null.
     */
    public Preview upload(byte[] file, ImportFormat format, char[] password, String departmentId) {
        String digest = Secrets.sha256Hex(file);
        AuditTrail.Target target = new AuditTrail.Target("import", null, departmentId);
        ImportFormat read = format;
        List<ImportedEntry> entries;
        try {
            read = format == null ? reader.detect(file) : format;
            entries = reader.read(read, file, password);
        } catch (ProblemException e) {
            throw audit.fail(AuditAction.IMPORT_UPLOAD, target, null, "unreadable " + (read == null ? "file"
                    : read.label()) + " " + digest, e);
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
        ImportMapping mapping = ImportMapping.into(departmentId);
        mappings.requireValid(mapping);
        PendingImport pending = PendingImport.uploaded(read, digest, file.length, entries.size(), mapping,
                caller.auditName(), Instant.now());
        em.persist(pending);
        byte[] plaintext = ImportedEntries.encode(entries);
        try {
            sealed.seal(context(pending), plaintext);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
        audit.record(AuditAction.IMPORT_UPLOAD, target(pending), Outcome.ALLOWED, null, Map.of("format",
                read.name(), "fileDigest", digest, "bytes", Integer.toString(file.length), "entries",
                Integer.toString(entries.size())));
        return new Preview(pending, plan(pending, entries));
    }

    /** The upload and what its commit would do now. */
    public Preview preview(String id) {
        PendingImport pending = own(id, LockModeType.NONE);
        return new Preview(pending, plan(pending, entries(pending)));
    }

    /** The importer's new mapping, checked: departments they may import into, holders two active people of each. */
    public Preview remap(String id, ImportMapping mapping) {
        PendingImport pending = own(id, LockModeType.PESSIMISTIC_WRITE);
        mappings.requireValid(mapping);
        audit.attempt(AuditAction.IMPORT_MAPPING, target(pending), null, () -> {
            pending.remap(mapping, Instant.now());
            return pending;
        });
        audit.record(AuditAction.IMPORT_MAPPING, target(pending), Outcome.ALLOWED, null, Map.of("folders",
                Integer.toString(mapping.folders().size()), "departments", Integer.toString(mapping.holders()
                        .size()), "entryChoices", Integer.toString(mapping.entries().size())));
        return new Preview(pending, plan(pending, entries(pending)));
    }

    /**
     * Stores what the plan says, as it stands now, in the caller's one transaction: a failure anywhere stores nothing.
     * The sealed entries are erased with the commit.
     */
    public Preview commit(String id) {
        PendingImport pending = own(id, LockModeType.PESSIMISTIC_WRITE);
        List<ImportedEntry> entries = entries(pending);
        ImportPlan plan = plan(pending, entries);
        audit.attempt(AuditAction.IMPORT_COMMIT, target(pending), null, () -> {
            pending.commit(plan.counts(), Instant.now());
            return pending;
        });
        int stored = 0;
        for (PlannedEntry planned : plan.entries()) {
            releaseEvery(++stored);
            ImportedEntry entry = entries.get(planned.number() - 1);
            String reason = "Imported from " + pending.format().label() + ", " + entry.position();
            switch (planned.action()) {
                case CREATE -> {
                    AccountRef account = accounts.register(newAccount(planned, reason));
                    credentials.rotate(new AccountId(account.id()), 0, secrets(entry), reason);
                }
                case MERGE -> credentials.rotate(new AccountId(planned.accountId()),
                        accounts.registered(planned.address().identityKey()).orElseThrow().credentialVersion(),
                        secrets(entry), reason);
                case SKIP -> {
                    // Nothing stored: the preview said why.
                }
            }
        }
        sealed.erase(context(pending));
        audit.record(AuditAction.IMPORT_COMMIT, target(pending), Outcome.ALLOWED, null, counts(pending, plan));
        return new Preview(pending, plan);
    }

    /** Ends the upload without storing anything; its sealed entries are erased. */
    public void cancel(String id) {
        PendingImport pending = own(id, LockModeType.PESSIMISTIC_WRITE);
        audit.attempt(AuditAction.IMPORT_CANCEL, target(pending), null, () -> {
            pending.cancel(Instant.now());
            return pending;
        });
        sealed.erase(context(pending));
        audit.record(AuditAction.IMPORT_CANCEL, target(pending), Outcome.ALLOWED, null, Map.of("fileDigest",
                pending.fileDigest()));
    }

    /** Ends the uploads nobody committed within their lifetime, erasing their entries; how many it ended. */
    public int expireDue(Instant now) {
        List<PendingImport> due = em.createNamedQuery(PendingImport.EXPIRED_BY, PendingImport.class)
                .setParameter("now", now).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        for (PendingImport pending : due) {
            pending.expire(now);
            sealed.erase(context(pending));
            audit.record("SYSTEM", null, "import expiry", AuditAction.IMPORT_EXPIRE, target(pending), Outcome.ALLOWED,
                    null, Map.of("fileDigest", pending.fileDigest(), "uploadedBy", pending.uploadedBy()));
        }
        return due.size();
    }

    /**
     * The plan under the upload's mapping, then what only the registry can tell: a merge whose credentials are
     * escrowed already is skipped (importing a file twice stores nothing the second time), and an entry whose TOTP
     * seed cannot be read is skipped rather than failing the whole commit.
     */
    private ImportPlan plan(PendingImport pending, List<ImportedEntry> entries) {
        ImportPlan plan = ImportPlan.of(entries, pending.mapping(), mappings::mayImportTo,
                identity -> accounts.registered(identity).map(a -> new ExistingAccount(a.id(), a.departmentId())));
        List<PlannedEntry> refined = new ArrayList<>();
        int stored = 0;
        for (PlannedEntry planned : plan.entries()) {
            releaseEvery(++stored);
            ImportedEntry entry = entries.get(planned.number() - 1);
            if (planned.action() != PlannedEntry.Action.SKIP && !readableTotp(entry.totp())) {
                refined.add(planned.skipped("its TOTP seed is neither an otpauth:// address nor a base32 seed"));
            } else if (planned.action() == PlannedEntry.Action.MERGE) {
                refined.add(merged(planned, entry));
            } else {
                refined.add(planned);
            }
        }
        return new ImportPlan(refined);
    }

    /** A merge, unless the account holds the login already or the caller may not rotate it now (suspended). */
    private PlannedEntry merged(PlannedEntry planned, ImportedEntry entry) {
        try {
            return credentials.holdsAlready(new AccountId(planned.accountId()), secrets(entry))
                    ? planned.skipped("escrowed already, with the same login") : planned;
        } catch (ProblemException e) {
            return planned.skipped("registered already, and not yours to rotate now: " + e.getMessage());
        }
    }

    private static boolean readableTotp(ImportedTotp totp) {
        if (totp == null) {
            return true;
        }
        try {
            TotpSettings.of("totp", totpInput(totp)).wipe();
            return true;
        } catch (ProblemException e) {
            return false;
        }
    }

    private NewAccount newAccount(PlannedEntry planned, String reason) {
        // Registered as any account is; its first escrow, next, makes it ACTIVE, and the compliance report lists it
        // until its approval after the fact.
        String displayName = planned.title() == null ? planned.address().handle() : planned.title();
        return new NewAccount(planned.address().platform(), planned.address().platformName(),
                planned.address().handle(), planned.address().profileUrl(), clip(displayName, 200),
                planned.departmentId(), planned.holders().contentOwnerId(), planned.holders().backupModeratorId(),
                null, AccountStatus.REQUESTED, reason);
    }

    /** The entry's login as a new credential version: fields it lacks are carried over from the current one. */
    private static NewSecrets secrets(ImportedEntry entry) {
        return new NewSecrets(entry.username(), entry.password(), entry.totp() == null ? null
                : totpInput(entry.totp()), null, null, null, null, null, notes(entry), Set.of());
    }

    private static TotpInput totpInput(ImportedTotp totp) {
        return totp.kind() == ImportedTotp.Kind.URI ? new TotpInput(totp.value(), null, null, null, null)
                : new TotpInput(null, totp.value(), null, null, null);
    }

    /** The notes, and the vendor's other fields after them (their values may be secret: they are sealed too). */
    private static String notes(ImportedEntry entry) {
        if (entry.fields().isEmpty()) {
            return entry.notes();
        }
        String fields = entry.fields().stream().map(ImportedEntries::line).collect(Collectors.joining("\n"));
        return entry.notes() == null ? fields : entry.notes() + "\n\n" + fields;
    }

    private List<ImportedEntry> entries(PendingImport pending) {
        byte[] plaintext = sealed.open(context(pending)).orElseThrow(() -> ProblemException.illegalTransition(
                "Import " + pending.id(), pending.state(Instant.now()), "its entries are gone; upload the file again"));
        try {
            return ImportedEntries.decode(plaintext);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** The caller's own upload (another's is as absent as one that never was), locked as asked. */
    private PendingImport own(String id, LockModeType lock) {
        PendingImport pending = id == null ? null : em.find(PendingImport.class, id, lock);
        if (pending == null || !pending.uploadedBy(caller.auditName())) {
            throw ProblemException.notFound("Import " + id);
        }
        return pending;
    }

    private static Map<String, String> counts(PendingImport pending, ImportPlan plan) {
        Map<PlannedEntry.Action, Integer> counts = plan.counts();
        return Map.of("fileDigest", pending.fileDigest(), "created", counts.get(PlannedEntry.Action.CREATE)
                .toString(), "merged", counts.get(PlannedEntry.Action.MERGE).toString(), "skipped",
                counts.get(PlannedEntry.Action.SKIP).toString());
    }

    private static AuditTrail.Target target(PendingImport pending) {
        return new AuditTrail.Target("import", pending.id(), pending.mapping().departmentId());
    }

    private static SealContext context(PendingImport pending) {
        return new SealContext(SEALED_TABLE, pending.id(), SEALED_FIELD, 1);
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    /**
     * Every query flushes first, and a flush compares every entity the transaction holds: written out and let go in
     * batches, a large file costs linear time instead of quadratic (docs/performance.md).
     */
    private void releaseEvery(int stored) {
        if (stored % FLUSH_EVERY == 0) {
            em.flush();
            em.clear();
        }
    }
}
