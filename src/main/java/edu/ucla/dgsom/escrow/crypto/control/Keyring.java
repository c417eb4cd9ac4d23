package edu.ucla.dgsom.escrow.crypto.control;

import edu.ucla.dgsom.escrow.crypto.entity.KeyEncryptionKey;
import edu.ucla.dgsom.escrow.crypto.entity.SealedValue;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Opens the key store at startup, builds the {@link Barrier} and keeps its key ring in step with the database, where
 * every instance finds the KEKs (wrapped by the root key). The rest of the service reaches the barrier only through
 * this bean's methods, which take and return plaintext and envelopes, never keys. An instance that cannot open its keys, or whose root key
 * does not match the database, logs one line saying why and stops: it must never serve without keys. During a root-key
 * rotation it also opens the previous key store (docs/crypto.md), and it loads every KEK whose root key it holds.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Keyring {

    private static final Logger LOG = Logger.getLogger(Keyring.class.getName());
    static final SealContext CHECK_CONTEXT = new SealContext("key_check", "installation", "check", 1);
    static final byte[] CHECK_PLAINTEXT = "escrow key check, format 1".getBytes(StandardCharsets.US_ASCII);

    @PersistenceContext
    EntityManager em;

    @Inject
    @ConfigProperty(name = "escrow.keystore.path")
    Optional<String> keyStorePath;

    @Inject
    @ConfigProperty(name = "escrow.keystore.passphrase-file")
    Optional<String> passphraseFile;

    /** The key store the configured one succeeds, while a root-key rotation moves the key ring to the new root key. */
    @Inject
    @ConfigProperty(name = "escrow.keystore.previous.path")
    Optional<String> previousKeyStorePath;

    @Inject
    @ConfigProperty(name = "escrow.keystore.previous.passphrase-file")
    Optional<String> previousPassphraseFile;

    @Inject
    @ConfigProperty(name = "escrow.keys.halt-on-failure", defaultValue = "true")
    boolean haltOnFailure;

    private volatile Barrier barrier;

    @PostConstruct
    void openKeyStore() {
        try {
            Barrier opened = new Barrier(KeyStoreFile.load(keyStorePath(),
                    passphrase(passphraseFile, "ESCROW_KEYSTORE_PASSPHRASE")));
            if (previousKeyStorePath.isPresent() && !previousKeyStorePath.get().isBlank()) {
                String previous = opened.addPreviousRootKey(KeyStoreFile.load(Path.of(previousKeyStorePath.get()),
                        passphrase(previousPassphraseFile, "ESCROW_KEYSTORE_PREVIOUS_PASSPHRASE")));
                LOG.info("Holding the previous key store's root key " + previous + " as well as root key "
                        + opened.rootKeyId() + " for a root-key rotation");
            }
            barrier = opened;
            refresh();
            Set<String> missing = missingRootKeys();
            if (!missing.isEmpty()) {
                refuseToStart("the key ring is wrapped by root key " + String.join(", ", missing) + ", which is in"
                        + " none of this instance's key stores (root key " + opened.rootKeyId() + "): configure the key"
                        + " store that holds it; during a root-key rotation, see docs/crypto.md");
            }
            nameRootKeysOfOlderRows();
            if (em.createNamedQuery(KeyEncryptionKey.LATEST_VERSION, Integer.class).getSingleResult() == null) {
                createNextVersion();
                em.flush();
                LOG.info("Created key-encryption key version 1 for a new installation");
            }
            verifyOrCreateCheckValue();
        } catch (KeyCustodyException e) {
            refuseToStart(e.getMessage());
        } catch (IntegrityFailureException e) {
            refuseToStart("the key store does not match this database: its key ring or key check value does not decrypt");
        }
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
            return missingRootKeys().isEmpty() && checkValue().map(this::decryptsCheckValue).orElse(false);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The key check failed: {0}", e.getClass().getSimpleName());
            return false;
        }
    }

    /**
     * Opens an envelope with the barrier, loading KEKs created or re-wrapped to by another instance first if needed.
     * A KEK the database does not have either means the envelope was altered.
     */
    public byte[] open(SealContext context, byte[] envelope) {
        try {
            return barrier().open(context, envelope);
        } catch (Barrier.UnknownKekException e) {
            refresh();
            try {
                return barrier().open(context, envelope);
            } catch (Barrier.UnknownKekException stillUnknown) {
                if (!missingRootKeys().isEmpty()) {
                    throw new IllegalStateException("this instance lacks the current root key (see /health/ready)");
                }
                throw new IntegrityFailureException();
            }
        }
    }

    /** Re-wraps an envelope's data key to KEK {@code toVersion}, loading KEKs from the database first if needed. */
    public byte[] rewrap(byte[] envelope, int toVersion) {
        try {
            return barrier().rewrap(envelope, toVersion);
        } catch (Barrier.UnknownKekException e) {
            refresh();
            return barrier().rewrap(envelope, toVersion);
        }
    }

    /** The audit signing key's public half as PEM (SubjectPublicKeyInfo), for offline verification. */
    public String auditPublicKeyPem() {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(barrier().signingPublicKey().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
    }

    private void verifyOrCreateCheckValue() {
        Optional<SealedValue> existing = checkValue();
        if (existing.isEmpty()) {
            int version = currentVersion();
            em.persist(new SealedValue(CHECK_CONTEXT.table(), CHECK_CONTEXT.recordId(), CHECK_CONTEXT.field(),
                    CHECK_CONTEXT.version(), version, barrier.seal(CHECK_CONTEXT, CHECK_PLAINTEXT, version), Instant.now()));
        } else if (!decryptsCheckValue(existing.get())) {
            throw new IntegrityFailureException();
        }
    }

    private Optional<SealedValue> checkValue() {
        return em.createNamedQuery(SealedValue.BY_OWNER, SealedValue.class)
                .setParameter("table", CHECK_CONTEXT.table()).setParameter("id", CHECK_CONTEXT.recordId())
                .setParameter("field", CHECK_CONTEXT.field()).setParameter("version", CHECK_CONTEXT.version())
                .getResultStream().findFirst();
    }

    private boolean decryptsCheckValue(SealedValue check) {
        byte[] plaintext = open(CHECK_CONTEXT, check.envelope());
        try {
            return Arrays.equals(plaintext, CHECK_PLAINTEXT);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private Barrier barrier() {
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

    /** Seals {@code plaintext} for {@code context} under KEK {@code kekVersion}. */
    public byte[] seal(SealContext context, byte[] plaintext, int kekVersion) {
        return barrier().seal(context, plaintext, kekVersion);
    }

    /** Signs an audit checkpoint with the audit signing key (Ed25519). */
    public byte[] signAudit(byte[] payload) {
        return barrier().sign(payload);
    }

    /** Drops a retired KEK from this instance's memory (others drop it at their next refresh). */
    public void forget(int version) {
        barrier().forgetKek(version);
    }

    /**
     * Loads KEKs that other instances created or re-wrapped and forgets retired ones. A KEK wrapped by a root key this
     * instance does not hold is left out; {@link #missingRootKeys()} names it.
     */
    public void refresh() {
        Barrier current = barrier();
        for (KeyEncryptionKey kek : em.createNamedQuery(KeyEncryptionKey.ALL, KeyEncryptionKey.class).getResultList()) {
            if (kek.state() != KeyEncryptionKey.State.ACTIVE) {
                current.forgetKek(kek.version());
            } else if (current.holdsRootKey(rootKeyOf(kek))) {
                current.installKek(kek.version(), kek.wrappedKey(), rootKeyOf(kek));
            }
        }
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

    /** The id of this instance's key store's root key, which a root-key rotation re-wraps the key ring under. */
    public String rootKeyId() {
        return barrier().rootKeyId();
    }

    /** A KEK wrapped by this instance's key store's root key, for a root-key rotation. */
    public byte[] rewrapUnderRootKey(KeyEncryptionKey kek) {
        barrier().installKek(kek.version(), kek.wrappedKey(), rootKeyOf(kek));
        return barrier().rewrapKek(kek.version());
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
        return next;
    }

    private List<KeyEncryptionKey> activeKeks() {
        return em.createNamedQuery(KeyEncryptionKey.ACTIVE, KeyEncryptionKey.class).getResultList();
    }

    /** Rows stored before root keys had ids are wrapped by the one root key there was: this store's, if it opens them. */
    private String rootKeyOf(KeyEncryptionKey kek) {
        return kek.rootKeyId() == null ? barrier().rootKeyId() : kek.rootKeyId();
    }

    private void nameRootKeysOfOlderRows() {
        for (KeyEncryptionKey kek : activeKeks()) {
            kek.openedBy(rootKeyOf(kek));
        }
    }

    private Path keyStorePath() throws KeyCustodyException {
        return Path.of(keyStorePath.filter(p -> !p.isBlank()).orElseThrow(() -> new KeyCustodyException(
                "no key store configured: set ESCROW_KEYSTORE_PATH (see docs/operations.md)")));
    }

    /** From a file or the environment, never from a system property, which would show on the command line. */
    private static char[] passphrase(Optional<String> file, String variable) throws KeyCustodyException {
        if (file.isPresent() && !file.get().isBlank()) {
            try {
                return Files.readString(Path.of(file.get()), StandardCharsets.UTF_8).strip().toCharArray();
            } catch (IOException e) {
                throw new KeyCustodyException("cannot read the key store passphrase file " + file.get());
            }
        }
        String fromEnvironment = System.getenv(variable);
        if (fromEnvironment == null || fromEnvironment.isEmpty()) {
            throw new KeyCustodyException("no key store passphrase: set " + variable + "_FILE or " + variable);
        }
        return fromEnvironment.toCharArray();
    }

    private void refuseToStart(String reason) {
        barrier = null;
        LOG.severe("Refusing to start: " + reason);
        if (haltOnFailure) {
            Thread halt = new Thread(() -> {
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                LOG.log(Level.SEVERE, "Stopping the server: it cannot serve without its keys");
                System.exit(3);
            }, "escrow-key-failure-exit");
            halt.setDaemon(true);
            halt.start();
        }
        throw new IllegalStateException("Refusing to start: " + reason);
    }
}
