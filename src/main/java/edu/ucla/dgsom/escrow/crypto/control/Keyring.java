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
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Opens the key store at startup, builds the {@link Barrier} and keeps its key ring in step with the database, where
 * every instance finds the KEKs (wrapped by the root key). The rest of the service reaches the barrier only through
 * this bean's methods, which take and return plaintext and envelopes, never keys. An instance that cannot open its keys, or whose root key
 * does not match the database, logs one line saying why and stops: it must never serve without keys.
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

    @Inject
    @ConfigProperty(name = "escrow.keys.halt-on-failure", defaultValue = "true")
    boolean haltOnFailure;

    private volatile Barrier barrier;

    @PostConstruct
    void openKeyStore() {
        try {
            barrier = new Barrier(KeyStoreFile.load(keyStorePath(), passphrase()));
            refresh();
            if (em.createNamedQuery(KeyEncryptionKey.LATEST_VERSION, Integer.class).getSingleResult() == null) {
                em.persist(new KeyEncryptionKey(1, barrier.createKek(1), Instant.now()));
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

    /** True while the keys are loaded and the current key ring decrypts the known check value. */
    public boolean keysWork() {
        if (barrier == null) {
            return false;
        }
        try {
            return checkValue().map(this::decryptsCheckValue).orElse(false);
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

    /** The KEK that wraps new values: the newest active one, as the database says now (another instance may have rotated). */
    public int currentVersion() {
        Integer version = em.createNamedQuery(KeyEncryptionKey.CURRENT_VERSION, Integer.class).getSingleResult();
        if (version == null) {
            throw new IllegalStateException("the key ring is empty");
        }
        if (!barrier().holdsKek(version)) {
            refresh();
        }
        return version;
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

    /** Loads KEKs that other instances created and forgets retired ones. */
    public void refresh() {
        Barrier current = barrier();
        for (KeyEncryptionKey kek : em.createNamedQuery(KeyEncryptionKey.ALL, KeyEncryptionKey.class).getResultList()) {
            if (kek.state() == KeyEncryptionKey.State.ACTIVE) {
                current.installKek(kek.version(), kek.wrappedKey());
            } else {
                current.forgetKek(kek.version());
            }
        }
    }

    /** Adds the next KEK version to the key ring; it becomes current when the caller's transaction commits. */
    public int createNextVersion() {
        Integer latest = em.createNamedQuery(KeyEncryptionKey.LATEST_VERSION, Integer.class).getSingleResult();
        int next = latest == null ? 1 : latest + 1;
        em.persist(new KeyEncryptionKey(next, barrier().createKek(next), Instant.now()));
        return next;
    }

    private Path keyStorePath() throws KeyCustodyException {
        return Path.of(keyStorePath.filter(p -> !p.isBlank()).orElseThrow(() -> new KeyCustodyException(
                "no key store configured: set ESCROW_KEYSTORE_PATH (see docs/operations.md)")));
    }

    /** From a file or the environment, never from a system property, which would show on the command line. */
    private char[] passphrase() throws KeyCustodyException {
        if (passphraseFile.isPresent() && !passphraseFile.get().isBlank()) {
            try {
                return Files.readString(Path.of(passphraseFile.get()), StandardCharsets.UTF_8).strip().toCharArray();
            } catch (IOException e) {
                throw new KeyCustodyException("cannot read the key store passphrase file " + passphraseFile.get());
            }
        }
        String fromEnvironment = System.getenv("ESCROW_KEYSTORE_PASSPHRASE");
        if (fromEnvironment == null || fromEnvironment.isEmpty()) {
            throw new KeyCustodyException("no key store passphrase: set ESCROW_KEYSTORE_PASSPHRASE_FILE or"
                    + " ESCROW_KEYSTORE_PASSPHRASE");
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
