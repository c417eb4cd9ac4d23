package edu.ucla.dgsom.escrow.crypto.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The BCFKS key store that holds the installation's root key (it wraps the key-encryption keys kept in the database)
 * and the Ed25519 key pair that signs audit checkpoints. BCFKS rather than PKCS#12: its integrity and encryption use
 * PBKDF2 with AES-CCM and an HMAC over the whole file, all FIPS-approved, with no legacy algorithms to disable.
 */
public final class KeyStoreFile {

    public static final String ROOT_KEY_ALIAS = "escrow-root-key";
    public static final String SIGNING_KEY_ALIAS = "escrow-audit-signing";
    private static final String TYPE = "BCFKS";
    private static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();

    private KeyStoreFile() {
    }

    /** The keys as they come out of the store; handed to {@link Barrier} and not kept anywhere else. */
    public record KeyMaterial(SecretKey rootKey, PrivateKey signingKey, Certificate signingCertificate) {

        /** Never prints a key, should anything log it. */
        @Override
        public String toString() {
            return "KeyMaterial[redacted]";
        }
    }

    /** Opens the store; the caller's passphrase array is wiped. */
    public static KeyMaterial load(Path path, char[] passphrase) throws KeyCustodyException {
        try {
            KeyStore store = KeyStore.getInstance(TYPE, PROVIDER);
            try (InputStream in = Files.newInputStream(path)) {
                store.load(in, passphrase);
            } catch (NoSuchFileException e) {
                throw new KeyCustodyException("no key store at " + path);
            } catch (IOException e) {
                throw new KeyCustodyException("cannot open the key store at " + path
                        + ": wrong passphrase or damaged file", e);
            }
            Key root = store.getKey(ROOT_KEY_ALIAS, passphrase);
            Key signing = store.getKey(SIGNING_KEY_ALIAS, passphrase);
            Certificate certificate = store.getCertificate(SIGNING_KEY_ALIAS);
            if (!(root instanceof SecretKey rootKey) || !"AES".equalsIgnoreCase(root.getAlgorithm())) {
                throw new KeyCustodyException("the key store at " + path + " has no AES entry '" + ROOT_KEY_ALIAS + "'");
            }
            if (!(signing instanceof PrivateKey signingKey) || certificate == null) {
                throw new KeyCustodyException("the key store at " + path + " has no Ed25519 entry '"
                        + SIGNING_KEY_ALIAS + "'");
            }
            return new KeyMaterial(rootKey, signingKey, certificate);
        } catch (GeneralSecurityException e) {
            throw new KeyCustodyException("cannot read the key store at " + path + ": " + e.getClass().getSimpleName(), e);
        } finally {
            java.util.Arrays.fill(passphrase, '\0');
        }
    }

    /** Writes a new store with a fresh root key and signing key pair; refuses to overwrite an existing file. */
    public static void create(Path path, char[] passphrase) throws KeyCustodyException {
        try {
            SecureRandom random = SecureRandom.getInstanceStrong();
            KeyPair signing = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            write(path, passphrase, signing.getPrivate(), selfSigned(signing, random), random);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            java.util.Arrays.fill(passphrase, '\0');
            throw new KeyCustodyException("cannot create a key store at " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the store that succeeds {@code previous} in a root-key rotation: a fresh root key and the previous
     * store's audit signing key, so the audit trail signed so far stays verifiable with the same public key.
     * Refuses to overwrite an existing file; both passphrase arrays are wiped.
     */
    public static void createSuccessor(Path previous, char[] previousPassphrase, Path path, char[] passphrase)
            throws KeyCustodyException {
        KeyMaterial old = load(previous, previousPassphrase);
        try {
            write(path, passphrase, old.signingKey(), old.signingCertificate(), SecureRandom.getInstanceStrong());
        } catch (GeneralSecurityException e) {
            java.util.Arrays.fill(passphrase, '\0');
            throw new KeyCustodyException("cannot create a key store at " + path + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path path, char[] passphrase, PrivateKey signingKey, Certificate signingCertificate,
            SecureRandom random) throws KeyCustodyException {
        try {
            KeyGenerator aes = KeyGenerator.getInstance("AES");
            aes.init(256, random);
            KeyStore store = KeyStore.getInstance(TYPE, PROVIDER);
            store.load(null, passphrase);
            store.setEntry(ROOT_KEY_ALIAS, new KeyStore.SecretKeyEntry(aes.generateKey()),
                    new KeyStore.PasswordProtection(passphrase));
            store.setKeyEntry(SIGNING_KEY_ALIAS, signingKey, passphrase, new Certificate[] {signingCertificate});
            try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW)) {
                store.store(out, passphrase);
            }
        } catch (GeneralSecurityException | IOException e) {
            throw new KeyCustodyException("cannot create a key store at " + path + ": " + e.getMessage(), e);
        } finally {
            java.util.Arrays.fill(passphrase, '\0');
        }
    }

    /** A key store entry for a private key needs a certificate; this one only carries the public key. */
    private static X509Certificate selfSigned(KeyPair pair, SecureRandom random)
            throws OperatorCreationException, GeneralSecurityException {
        X500Name name = new X500Name("CN=DGIT credential escrow audit signing");
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, random), Date.from(now),
                Date.from(now.plus(3650, ChronoUnit.DAYS)), name, pair.getPublic());
        var signer = new JcaContentSignerBuilder("Ed25519").setProvider(PROVIDER).build(pair.getPrivate());
        return new JcaX509CertificateConverter().setProvider(PROVIDER).getCertificate(builder.build(signer));
    }
}
