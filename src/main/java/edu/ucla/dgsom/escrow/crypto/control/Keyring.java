package edu.ucla.dgsom.escrow.crypto.control;

import edu.ucla.dgsom.escrow.crypto.entity.KeyEncryptionKey;
import edu.ucla.dgsom.escrow.persistence.TransactionOutcomes;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The key ring's terms: which KEK versions exist, which one is current, and which root key wraps each. They live in
 * the database, where every instance finds them; this bean loads them into the {@link Barrier} (the only holder of
 * keys, and the only class that encrypts) and keeps it in step as other instances rotate. At startup it opens the
 * configured key stores and checks them against the database; if they are missing or do not match, it throws, which
 * fails the deployment after one log line saying why: the service never serves without its keys.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Keyring {

    private static final Logger LOG = Logger.getLogger(Keyring.class.getName());

    @Resource
    TransactionSynchronizationRegistry transactions;

    @PersistenceContext
    EntityManager em;

    @Inject
    KeyStores keyStores;

    @Inject
    KeyCheckValue checkValue;

    private volatile Barrier barrier;

    @PostConstruct
    void load() {
        try {
            Barrier opened = keyStores.open();
            barrier = opened;
            refresh();
            Set<String> missing = missingRootKeys();
            if (!missing.isEmpty()) {
                throw refuseToStart("the key ring is wrapped by root key " + String.join(", ", missing) + ", which"
                        + " is in none of this instance's key stores (root key " + opened.rootKeyId() + "): configure"
                        + " the key store that holds it; during a root-key rotation, see docs/crypto.md");
            }
            activeKeks().forEach(kek -> kek.openedBy(rootKeyOf(kek)));
            if (em.createNamedQuery(KeyEncryptionKey.LATEST_VERSION, Integer.class).getSingleResult() == null) {
                createNextVersion();
                em.flush();
                LOG.info("Created key-encryption key version 1 for a new installation");
            }
            checkValue.verifyOrCreate(opened, currentVersion());
        } catch (KeyCustodyException e) {
            throw refuseToStart(e.getMessage());
        } catch (IntegrityFailureException e) {
            throw refuseToStart("the key store does not match this database: its key ring or key check value does"
                    + " not decrypt");
        }
    }

    /** The barrier holding this instance's keys, for the classes that seal, open, re-wrap and sign with them. */
    public Barrier barrier() {
        Barrier current = barrier;
        if (current == null) {
            throw new IllegalStateException("keys are not loaded");
        }
        return current;
    }

    public boolean loaded() {
        return barrier != null;
    }

    /**
     * True while the keys are loaded, this instance holds the root key of every active KEK, and the key ring decrypts
     * the known check value.
     */
    public boolean keysWork() {
        if (barrier == null) {
            return false;
        }
        try {
            return missingRootKeys().isEmpty()
                    && checkValue.opensWith((context, envelope) -> withCurrentKeys(b -> b.open(context, envelope)));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The key check failed: {0}", e.getClass().getSimpleName());
            return false;
        }
    }

    /**
     * Runs {@code operation} on the barrier; if it meets a KEK another instance created or re-wrapped, loads the key
     * ring and tries once more. A KEK the database does not have either means the envelope was altered.
     */
    public <T> T withCurrentKeys(Function<Barrier, T> operation) {
        try {
            return operation.apply(barrier());
        } catch (UnknownKekException e) {
            refresh();
            try {
                return operation.apply(barrier());
            } catch (UnknownKekException stillUnknown) {
                if (!missingRootKeys().isEmpty()) {
                    throw new IllegalStateException("this instance lacks the current root key (see /health/ready)");
                }
                throw new IntegrityFailureException();
            }
        }
    }

    /**
     * The KEK that wraps new values: the newest active one, as the database says now (another instance may have
     * rotated). Read under a shared lock held until the caller's transaction ends, so that a rotation completes only
     * after every value sealed under an older KEK has been committed and re-wrapped.
     */
    public int currentVersion() {
        Number version = (Number) em.createNativeQuery(KeyEncryptionKey.CURRENT_VERSION).getSingleResult();
        if (version == null) {
            throw new IllegalStateException("the key ring is empty");
        }
        if (!barrier().holdsKek(version.intValue())) {
            refresh();
        }
        return version.intValue();
    }

    /** Root keys that wrap active KEKs but are in none of this instance's key stores; empty when all is well. */
    public Set<String> missingRootKeys() {
        Set<String> missing = new TreeSet<>();
        for (KeyEncryptionKey kek : activeKeks()) {
            if (!barrier().holdsRootKey(rootKeyOf(kek))) {
                missing.add(rootKeyOf(kek));
            }
        }
        return missing;
    }

    /**
     * Re-wraps every active KEK under the root key of this instance's key store, in the caller's transaction: the
     * instance also holds the previous store's root key (ESCROW_KEYSTORE_PREVIOUS_PATH), so it can open what it
     * re-wraps. Instances holding only the previous store keep their loaded KEKs but report not ready.
     */
    public RootKeyRotation rewrapUnderOwnRootKey() {
        List<KeyEncryptionKey> ring = em.createNamedQuery(KeyEncryptionKey.ACTIVE, KeyEncryptionKey.class)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        String rootKey = barrier().rootKeyId();
        List<KeyEncryptionKey> stale = ring.stream().filter(kek -> !kek.wrappedBy(rootKey)).toList();
        if (stale.isEmpty()) {
            throw new ProblemException(ProblemType.CONFLICT, "Every key-encryption key is already wrapped by root key "
                    + rootKey + " of this instance's key store. To rotate, configure a new key store as"
                    + " ESCROW_KEYSTORE_PATH and this one as ESCROW_KEYSTORE_PREVIOUS_PATH (docs/crypto.md)");
        }
        Set<String> previous = new TreeSet<>();
        for (KeyEncryptionKey kek : stale) {
            previous.add(kek.rootKeyId());
            try {
                barrier().installKek(kek.version(), kek.wrappedKey(), rootKeyOf(kek));
                kek.rewrappedUnder(barrier().rewrapKek(kek.version()), rootKey);
            } catch (UnknownRootKeyException e) {
                throw new ProblemException(ProblemType.CONFLICT, "Key version " + kek.version() + " is wrapped by"
                        + " root key " + e.id() + ", which is in none of this instance's key stores: configure its"
                        + " key store as ESCROW_KEYSTORE_PREVIOUS_PATH (docs/crypto.md)");
            }
        }
        return new RootKeyRotation(List.copyOf(previous), rootKey, stale.size());
    }

    /** Every KEK version, retired ones included, oldest first. */
    public List<KeyVersion> versions() {
        return em.createNamedQuery(KeyEncryptionKey.ALL, KeyEncryptionKey.class).getResultStream()
                .map(KeyVersion::of).toList();
    }

    /** An active KEK version, locked until the caller's transaction ends. */
    public Optional<KeyVersion> lockActive(int version) {
        return activeForUpdate(version).map(KeyVersion::of);
    }

    /**
     * Erases the material of KEK {@code version}, locked by {@link #lockActive}, here and from this instance's memory
     * (others drop it at their next refresh).
     */
    public void retire(int version) {
        activeForUpdate(version).orElseThrow().retire(Instant.now());
        barrier().forgetKek(version);
    }

    private Optional<KeyEncryptionKey> activeForUpdate(int version) {
        return Optional.ofNullable(em.find(KeyEncryptionKey.class, version, LockModeType.PESSIMISTIC_WRITE))
                .filter(kek -> kek.state() == KeyEncryptionKey.State.ACTIVE);
    }

    /**
     * Adds the next KEK version to the key ring; it becomes current when the caller's transaction commits. It is
     * wrapped by the root key of the current KEK, so that every instance that can open the key ring can open it too.
     * The lock on the active KEKs orders this after a root-key rotation that is committing and after the seals under
     * way (they hold a shared lock, see {@link #currentVersion()}), whose values the rotation then re-wraps.
     */
    public int createNextVersion() {
        List<KeyEncryptionKey> ring = em.createNamedQuery(KeyEncryptionKey.ACTIVE, KeyEncryptionKey.class)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        Integer latest = em.createNamedQuery(KeyEncryptionKey.LATEST_VERSION, Integer.class).getSingleResult();
        int next = latest == null ? 1 : latest + 1;
        String rootKey = ring.isEmpty() ? barrier().rootKeyId() : rootKeyOf(ring.get(ring.size() - 1));
        em.persist(new KeyEncryptionKey(next, barrier().createKek(next, rootKey), rootKey, Instant.now()));
        // The barrier holds the new KEK at once; if another transaction's version `next` wins (two nodes of a Galera
        // cluster), this one must go, or refresh() would keep it and seal under a key nobody else has.
        TransactionOutcomes.unlessCommitted(transactions, () -> barrier().forgetKek(next));
        return next;
    }

    /**
     * Loads KEKs that other instances created or re-wrapped and forgets retired ones. A KEK wrapped by a root key this
     * instance does not hold is left out; {@link #missingRootKeys()} names it.
     */
    private void refresh() {
        Barrier current = barrier();
        for (KeyEncryptionKey kek : em.createNamedQuery(KeyEncryptionKey.ALL, KeyEncryptionKey.class).getResultList()) {
            if (kek.state() != KeyEncryptionKey.State.ACTIVE) {
                current.forgetKek(kek.version());
            } else if (current.holdsRootKey(rootKeyOf(kek))) {
                current.installKek(kek.version(), kek.wrappedKey(), rootKeyOf(kek));
            }
        }
    }

    private List<KeyEncryptionKey> activeKeks() {
        return em.createNamedQuery(KeyEncryptionKey.ACTIVE, KeyEncryptionKey.class).getResultList();
    }

    private String rootKeyOf(KeyEncryptionKey kek) {
        return kek.rootKeyIdOr(barrier().rootKeyId());
    }

    private IllegalStateException refuseToStart(String reason) {
        barrier = null;
        LOG.severe("Refusing to start: " + reason);
        return new IllegalStateException("Refusing to start: " + reason);
    }
}
