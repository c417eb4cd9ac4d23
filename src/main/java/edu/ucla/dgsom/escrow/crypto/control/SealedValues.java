package edu.ucla.dgsom.escrow.crypto.control;

import edu.ucla.dgsom.escrow.crypto.entity.KeyEncryptionKey;
import edu.ucla.dgsom.escrow.crypto.entity.SealedValue;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * What the rest of the service uses to store and read secrets: values go in and come out as plaintext bytes, sealed
 * and opened by the {@link Barrier} with the key ring's current terms; keys never leave the barrier. Callers wipe the
 * arrays they pass and receive as soon as they are done with them.
 */
@Stateless
public class SealedValues {

    private static final Logger LOG = Logger.getLogger(SealedValues.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    Keyring keyring;

    /** Seals {@code plaintext} for {@code context}, in the caller's transaction. One value per context. */
    public void seal(SealContext context, byte[] plaintext) {
        int version = keyring.currentVersion();
        byte[] envelope = keyring.barrier().seal(context, plaintext, version);
        em.persist(new SealedValue(context.table(), context.recordId(), context.field(), context.version(), version,
                envelope, Instant.now()));
    }

    /** The plaintext sealed for {@code context}, if there is one. An altered value raises an alarm and fails. */
    public Optional<byte[]> open(SealContext context) {
        return find(context).map(value -> opened(context, value));
    }

    /**
     * The plaintext of each of {@code contexts} that has a value, in one query: the fields of one version of one
     * record (a reveal opens all of a credential version's fields at once). An altered value fails as {@link #open}.
     */
    public Map<SealContext, byte[]> open(Collection<SealContext> contexts) {
        Map<SealContext, byte[]> opened = new HashMap<>();
        if (contexts.isEmpty()) {
            return opened;
        }
        SealContext any = contexts.iterator().next();
        Map<String, SealContext> byField = new HashMap<>();
        for (SealContext context : contexts) {
            if (!context.table().equals(any.table()) || !context.recordId().equals(any.recordId())
                    || context.version() != any.version()) {
                throw new IllegalArgumentException("the contexts name more than one version of one record");
            }
            byField.put(context.field(), context);
        }
        try {
            for (SealedValue value : em.createNamedQuery(SealedValue.OF_OWNER_VERSION, SealedValue.class)
                    .setParameter("table", any.table()).setParameter("id", any.recordId())
                    .setParameter("version", any.version()).getResultList()) {
                SealContext context = byField.get(value.field());
                if (context != null) {
                    opened.put(context, opened(context, value));
                }
            }
            return opened;
        } catch (RuntimeException e) {
            opened.values().forEach(plaintext -> Arrays.fill(plaintext, (byte) 0));
            throw e;
        }
    }

    private byte[] opened(SealContext context, SealedValue value) {
        try {
            return keyring.withCurrentKeys(barrier -> barrier.open(context, value.envelope()));
        } catch (IntegrityFailureException e) {
            LOG.severe(() -> "INTEGRITY FAILURE: sealed value " + value.id() + " (" + context.table() + "/"
                    + context.recordId() + "/" + context.field() + " v" + context.version()
                    + ") failed authentication; it was altered, moved, or sealed under unknown keys");
            throw e;
        }
    }

    public boolean exists(SealContext context) {
        return find(context).isPresent();
    }

    /** Removes the value for {@code context}, e.g. when its owner discards an unconfirmed enrolment. */
    public void erase(SealContext context) {
        find(context).ifPresent(em::remove);
    }

    /**
     * Re-wraps up to {@code size} values still wrapped by a KEK older than {@code targetVersion} to it, in the caller's
     * transaction; returns how many.
     */
    public int rewrapBelow(int targetVersion, int size) {
        List<SealedValue> batch = staleBatch(targetVersion, size);
        if (batch.isEmpty()) {
            // SKIP LOCKED passes over values still being written. A seal holds a shared lock on the KEK it read as
            // current until it commits (Keyring.currentVersion): locking the older KEKs waits for those, and then
            // the values they sealed are visible.
            em.createNamedQuery(KeyEncryptionKey.OLDER_THAN, KeyEncryptionKey.class)
                    .setParameter("version", targetVersion).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .getResultList();
            batch = staleBatch(targetVersion, size);
        }
        for (SealedValue value : batch) {
            value.rewrapped(keyring.withCurrentKeys(barrier -> barrier.rewrap(value.envelope(), targetVersion)),
                    targetVersion);
        }
        return batch.size();
    }

    /** How many values are still wrapped by a KEK older than {@code version}. */
    public long countBelow(int version) {
        return em.createNamedQuery(SealedValue.COUNT_BELOW_KEK, Long.class).setParameter("version", version)
                .getSingleResult();
    }

    /** How many values KEK {@code version} wraps. */
    public long countWrappedBy(int version) {
        return em.createNamedQuery(SealedValue.COUNT_WITH_KEK, Long.class).setParameter("version", version)
                .getSingleResult();
    }

    @SuppressWarnings("unchecked")
    private List<SealedValue> staleBatch(int targetVersion, int size) {
        return em.createNativeQuery(SealedValue.LOCK_STALE_BATCH, SealedValue.class)
                .setParameter(1, targetVersion).setParameter(2, size).getResultList();
    }

    private Optional<SealedValue> find(SealContext context) {
        return em.createNamedQuery(SealedValue.BY_OWNER, SealedValue.class)
                .setParameter("table", context.table()).setParameter("id", context.recordId())
                .setParameter("field", context.field()).setParameter("version", context.version())
                .getResultStream().findFirst();
    }
}
