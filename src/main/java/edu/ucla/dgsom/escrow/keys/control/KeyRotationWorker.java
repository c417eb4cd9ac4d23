package edu.ucla.dgsom.escrow.keys.control;

import edu.ucla.dgsom.escrow.persistence.TransactionOutcomes;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Drives running rotations to completion in the background. Started right after a rotation is requested, at every
 * startup (a crash or restart resumes where the database says it stopped) and every 30 seconds on every instance,
 * so a rotation whose instance died is picked up by another.
 */
@Startup
@Singleton
@DependsOn("Keyring")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class KeyRotationWorker {

    private static final Logger LOG = Logger.getLogger(KeyRotationWorker.class.getName());

    @Resource
    ManagedExecutorService executor;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    KeyRotations rotations;

    @Inject
    @ConfigProperty(name = "escrow.keys.rotation.batch-size", defaultValue = "500")
    int batchSize;

    /** Throttle between batches, to bound the load a rotation puts on the database. */
    @Inject
    @ConfigProperty(name = "escrow.keys.rotation.batch-pause-ms", defaultValue = "0")
    long batchPauseMillis;

    private final Set<String> driving = ConcurrentHashMap.newKeySet();

    @PostConstruct
    void resumeAtStartup() {
        resumeUnfinished();
    }

    @Schedule(hour = "*", minute = "*", second = "*/30", persistent = false)
    void resumeUnfinished() {
        rotations.runningIds().forEach(this::drive);
    }

    /**
     * Works on the rotation in the background unless this instance already does. Inside a transaction (a keyed
     * request's), only once it has committed: the worker's own transactions would not see the rotation before.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public void drive(String rotationId) {
        TransactionOutcomes.afterCommit(transactions, () -> work(rotationId));
    }

    private void work(String rotationId) {
        if (driving.add(rotationId)) {
            executor.execute(() -> {
                try {
                    long total = 0;
                    int done;
                    while ((done = rotations.rewrapBatch(rotationId, batchSize)) > 0) {
                        total += done;
                        if (batchPauseMillis > 0) {
                            Thread.sleep(batchPauseMillis);
                        }
                    }
                    LOG.info("Key rotation " + rotationId + ": this instance re-wrapped " + total + " values");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Key rotation " + rotationId + " paused; it resumes within a minute", e);
                } finally {
                    driving.remove(rotationId);
                }
            });
        }
    }
}
