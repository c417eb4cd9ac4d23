package edu.ucla.dgsom.escrow.audit.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the hash chain up to date: every {@code escrow.audit.seal-interval-ms} it seals whatever requests have
 * appended, and readers (queries, exports, verifications) seal first so that they see every committed entry. Each
 * signed checkpoint is also appended to a JSON-lines file outside the database, so removing the newest rows from
 * the database cannot go unnoticed.
 */
@Startup
@Singleton
@DependsOn("Keyring")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AuditSealer {

    private static final Logger LOG = Logger.getLogger(AuditSealer.class.getName());
    private static final int BATCH = 1000;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    AuditSealing sealing;

    /**
     * Required, and absolute: a relative name would land in whatever directory the server was started from (once, the
     * project's own checkout), where another installation's checkpoints then pass for this one's.
     */
    @Inject
    @ConfigProperty(name = "escrow.audit.checkpoint-file")
    Optional<String> checkpointFile;

    @Inject
    @ConfigProperty(name = "escrow.audit.seal-interval-ms", defaultValue = "200")
    long intervalMillis;

    private ScheduledFuture<?> schedule;
    private Path checkpointPath;

    @PostConstruct
    void start() {
        checkpointPath = requiredAbsolute(checkpointFile);
        schedule = scheduler.scheduleWithFixedDelay(this::sealQuietly, 0, intervalMillis, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        schedule.cancel(false);
    }

    /** Seals everything pending now; returns how many entries were chained. */
    public synchronized long sealNow() {
        long total = 0;
        AuditSealing.Batch batch;
        do {
            batch = sealing.sealBatch(BATCH);
            total += batch.sealed();
            batch.checkpoint().ifPresent(this::appendOutside);
        } while (batch.sealed() == BATCH);
        return total;
    }

    /** The checkpoint file setting as a path, or, if it is missing or relative, the reason to refuse to start. */
    static Path requiredAbsolute(Optional<String> setting) {
        return setting.filter(f -> !f.isBlank()).map(Path::of).filter(Path::isAbsolute).orElseThrow(() -> {
            String reason = "Refusing to start: ESCROW_AUDIT_CHECKPOINT_FILE must name the audit checkpoint file by an"
                    + " absolute path (e.g. /var/lib/escrow/audit-checkpoints.jsonl); it is "
                    + setting.map(f -> "'" + f + "'").orElse("not set");
            LOG.severe(reason);
            return new IllegalStateException(reason);
        });
    }

    public Path checkpointFile() {
        return checkpointPath;
    }

    private void sealQuietly() {
        try {
            sealNow();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Sealing the audit trail failed; retrying", e);
        }
    }

    private void appendOutside(AuditCheckpoint checkpoint) {
        Path file = checkpointFile();
        try {
            Files.createDirectories(file.getParent());
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
                out.write(AuditChain.checkpointLine(checkpoint));
                out.write('\n');
            }
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "Audit checkpoint " + checkpoint.seq() + " could not be appended to " + file, e);
        }
    }
}
