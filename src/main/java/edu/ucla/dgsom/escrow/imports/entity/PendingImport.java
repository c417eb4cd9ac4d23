package edu.ucla.dgsom.escrow.imports.entity;

import edu.ucla.dgsom.escrow.problems.ProblemException;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An uploaded export between its preview and its end: who uploaded it, the file's SHA-256, size and format, how many
 * entries it holds and the mapping its importer edits. The entries themselves are sealed by the barrier under this
 * record's id, never kept in plaintext, and erased when it ends: committed, cancelled, or expired an hour after upload.
 */
@Entity
@Table(name = "pending_import")
@NamedQuery(name = PendingImport.EXPIRED_BY, query = "SELECT p FROM PendingImport p WHERE p.state ="
        + " edu.ucla.dgsom.escrow.imports.entity.PendingImport.State.PREVIEW AND p.expiresAt <= :now ORDER BY p.id")
public class PendingImport {

    public static final String EXPIRED_BY = "PendingImport.expiredBy";

    /** How long an upload waits for its commit. */
    public static final Duration LIFETIME = Duration.ofHours(1);

    public enum State { PREVIEW, COMMITTED, CANCELLED, EXPIRED }

    @Id
    private String id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private State state;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private ImportFormat format;

    @Column(name = "file_digest", nullable = false, updatable = false)
    private String fileDigest;

    @Column(name = "file_bytes", nullable = false, updatable = false)
    private int fileBytes;

    @Column(name = "entry_count", nullable = false, updatable = false)
    private int entryCount;

    @Column(name = "uploaded_by", nullable = false, updatable = false)
    private String uploadedBy;

    @Column(name = "uploaded_at", nullable = false, updatable = false)
    private Instant uploadedAt;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private Instant expiresAt;

    @Convert(converter = ImportMappingConverter.class)
    @Column(nullable = false)
    private ImportMapping mapping;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Column(name = "created_count")
    private Integer createdCount;

    @Column(name = "merged_count")
    private Integer mergedCount;

    @Column(name = "skipped_count")
    private Integer skippedCount;

    @Version
    @Column(name = "row_version")
    private int rowVersion;

    protected PendingImport() {
    }

    private PendingImport(ImportFormat format, String fileDigest, int fileBytes, int entryCount,
            ImportMapping mapping, String by, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.state = State.PREVIEW;
        this.format = format;
        this.fileDigest = fileDigest;
        this.fileBytes = fileBytes;
        this.entryCount = entryCount;
        this.mapping = mapping;
        this.uploadedBy = by;
        this.uploadedAt = now;
        this.expiresAt = now.plus(LIFETIME);
    }

    /** An upload read into {@code entryCount} entries, waiting for its commit under {@code mapping}. */
    public static PendingImport uploaded(ImportFormat format, String fileDigest, int fileBytes, int entryCount,
            ImportMapping mapping, String by, Instant now) {
        return new PendingImport(format, fileDigest, fileBytes, entryCount, mapping, by, now);
    }

    /** The importer's new mapping; only while the preview waits. */
    public void remap(ImportMapping changed, Instant now) {
        requireWaiting(now);
        this.mapping = changed;
    }

    /** Committed with these counts; only once, while the preview waits. */
    public void commit(Map<PlannedEntry.Action, Integer> counts, Instant now) {
        requireWaiting(now);
        end(State.COMMITTED, now);
        this.createdCount = counts.get(PlannedEntry.Action.CREATE);
        this.mergedCount = counts.get(PlannedEntry.Action.MERGE);
        this.skippedCount = counts.get(PlannedEntry.Action.SKIP);
    }

    /** Cancelled by its importer; only while the preview waits. */
    public void cancel(Instant now) {
        requireWaiting(now);
        end(State.CANCELLED, now);
    }

    /** Ended because nobody committed it within its lifetime. */
    public void expire(Instant now) {
        if (state != State.PREVIEW || now.isBefore(expiresAt)) {
            throw ProblemException.illegalTransition("Import " + id, state, "only a waiting upload past its"
                    + " lifetime expires");
        }
        end(State.EXPIRED, now);
    }

    private void requireWaiting(Instant now) {
        if (state == State.PREVIEW && !now.isBefore(expiresAt)) {
            throw ProblemException.illegalTransition("Import " + id, State.EXPIRED, "an upload waits an hour for"
                    + " its commit; upload the file again");
        }
        if (state != State.PREVIEW) {
            throw ProblemException.illegalTransition("Import " + id, state, "it has ended; upload the file again to"
                    + " import it");
        }
    }

    private void end(State ended, Instant now) {
        this.state = ended;
        this.endedAt = now;
    }

    public boolean uploadedBy(String auditName) {
        return uploadedBy.equals(auditName);
    }

    /** The state as of {@code now}: a waiting upload past its lifetime is expired even before the sweep ends it. */
    public State state(Instant now) {
        return state == State.PREVIEW && !now.isBefore(expiresAt) ? State.EXPIRED : state;
    }

    public String id() {
        return id;
    }

    public ImportFormat format() {
        return format;
    }

    public String fileDigest() {
        return fileDigest;
    }

    public int fileBytes() {
        return fileBytes;
    }

    public int entryCount() {
        return entryCount;
    }

    public String uploadedBy() {
        return uploadedBy;
    }

    public Instant uploadedAt() {
        return uploadedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public ImportMapping mapping() {
        return mapping;
    }

    public Instant endedAt() {
        return endedAt;
    }

    public int rowVersion() {
        return rowVersion;
    }
}
