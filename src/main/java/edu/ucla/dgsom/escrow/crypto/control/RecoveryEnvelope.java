package edu.ucla.dgsom.escrow.crypto.control;

import java.io.ByteArrayInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPCompressedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;
import org.bouncycastle.util.encoders.Hex;

/**
 * The disaster-recovery export's OpenPGP message (RFC 4880), as stock GnuPG opens it: the plaintext is a literal
 * data packet, signed with a one-pass signature (SHA-512) by the installation's signing key, ZLIB-compressed and
 * encrypted with AES-256 in an integrity-protected packet (SEIPD v1, with MDC) whose session key is encrypted to
 * every recovery key, so that any one of them opens it. Binary, not armored. Plaintext goes straight from
 * {@link #open}'s stream through the signature, the compressor and the cipher: nothing of it is kept here.
 *
 * <p>These are not the barrier's keys: the recovery keys are public, and the signing key only vouches that the
 * file came from this installation. {@link RecoveryKeys} reads them from the configuration.
 */
public final class RecoveryEnvelope {

    private static final int BUFFER = 1 << 16;

    private final List<PGPPublicKey> recipients;
    private final PGPSecretKey signingKey;
    private final PGPPrivateKey signingPrivateKey;

    private RecoveryEnvelope(List<PGPPublicKey> recipients, PGPSecretKey signingKey, PGPPrivateKey signingPrivateKey) {
        this.recipients = List.copyOf(recipients);
        this.signingKey = signingKey;
        this.signingPrivateKey = signingPrivateKey;
    }

    /**
     * From armored (or binary) OpenPGP keys: each of {@code publicKeys} one recovery certificate, whose encryption
     * key is used, and {@code secretKey} the signing key, unlocked with {@code passphrase} (which is left to the
     * caller to wipe).
     */
    public static RecoveryEnvelope of(List<byte[]> publicKeys, byte[] secretKey, char[] passphrase)
            throws KeyCustodyException {
        if (publicKeys.isEmpty()) {
            throw new KeyCustodyException("no recovery public key");
        }
        List<PGPPublicKey> recipients = new ArrayList<>();
        for (byte[] armored : publicKeys) {
            recipients.add(encryptionKey(armored));
        }
        PGPSecretKey signing = signingKey(secretKey);
        try {
            PGPPrivateKey unlocked = signing.extractPrivateKey(
                    new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider()).build(passphrase));
            if (unlocked == null) {
                throw new KeyCustodyException("the recovery signing key has no private part");
            }
            return new RecoveryEnvelope(recipients, signing, unlocked);
        } catch (PGPException e) {
            throw new KeyCustodyException("cannot unlock the recovery signing key (wrong passphrase?)");
        }
    }

    /** The fingerprints (hex) of the keys the message is encrypted to, as gpg lists them. */
    public List<String> recipientFingerprints() {
        return recipients.stream().map(k -> Hex.toHexString(k.getFingerprint()).toUpperCase()).toList();
    }

    /** The fingerprint of the signing key. */
    public String signerFingerprint() {
        return Hex.toHexString(signingKey.getPublicKey().getFingerprint()).toUpperCase();
    }

    /**
     * A stream whose bytes become the message's plaintext, named {@code fileName}; closing it writes the signature
     * and finishes the message on {@code ciphertext}, which it leaves open.
     */
    public OutputStream open(OutputStream ciphertext, String fileName, Date modified) throws IOException {
        try {
            PGPEncryptedDataGenerator encryption = new PGPEncryptedDataGenerator(
                    new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256).setWithIntegrityPacket(true)
                            .setSecureRandom(new SecureRandom()));
            recipients.forEach(k -> encryption.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(k)));
            OutputStream encrypted = encryption.open(ciphertext, new byte[BUFFER]);
            PGPCompressedDataGenerator compression = new PGPCompressedDataGenerator(CompressionAlgorithmTags.ZLIB);
            OutputStream compressed = compression.open(encrypted, new byte[BUFFER]);
            PGPSignatureGenerator signature = new PGPSignatureGenerator(new BcPGPContentSignerBuilder(
                    signingKey.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA512), signingKey.getPublicKey());
            signature.init(PGPSignature.BINARY_DOCUMENT, signingPrivateKey);
            PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
            hashed.setSignatureCreationTime(false, modified);
            hashed.setIssuerFingerprint(false, signingKey.getPublicKey());
            signature.setHashedSubpackets(hashed.generate());
            signature.generateOnePassVersion(false).encode(compressed);
            PGPLiteralDataGenerator literal = new PGPLiteralDataGenerator();
            OutputStream plain = literal.open(compressed, PGPLiteralData.BINARY, fileName, modified,
                    new byte[BUFFER]);
            return new FilterOutputStream(plain) {
                private boolean closed;

                @Override
                public void write(int b) throws IOException {
                    plain.write(b);
                    signature.update((byte) b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    plain.write(b, off, len);
                    signature.update(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    if (closed) {
                        return;
                    }
                    closed = true;
                    literal.close();
                    try {
                        signature.generate().encode(compressed);
                    } catch (PGPException e) {
                        throw new IOException("cannot sign the recovery export", e);
                    }
                    compression.close();
                    encryption.close();
                }
            };
        } catch (PGPException e) {
            throw new IOException("cannot start the recovery export's OpenPGP message", e);
        }
    }

    /** The certificate's key that may encrypt: a valid subkey flagged for encryption, else such a primary key. */
    private static PGPPublicKey encryptionKey(byte[] armored) throws KeyCustodyException {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(armored))) {
            PGPPublicKeyRingCollection rings = new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator());
            Iterator<PGPPublicKeyRing> iterator = rings.getKeyRings();
            if (!iterator.hasNext()) {
                throw new KeyCustodyException("a recovery public key file holds no key");
            }
            PGPPublicKeyRing ring = iterator.next();
            PGPPublicKey found = null;
            for (PGPPublicKey key : ring) {
                if (key.isEncryptionKey() && !key.hasRevocation() && flagged(key,
                        KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE) && (found == null || found.isMasterKey())) {
                    found = key;
                }
            }
            if (found == null) {
                throw new KeyCustodyException("recovery key " + Hex.toHexString(ring.getPublicKey().getFingerprint())
                        + " has no key that may encrypt");
            }
            return found;
        } catch (IOException | PGPException e) {
            throw new KeyCustodyException("a recovery public key file is not an OpenPGP key");
        }
    }

    private static PGPSecretKey signingKey(byte[] armored) throws KeyCustodyException {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(armored))) {
            PGPSecretKeyRingCollection rings = new PGPSecretKeyRingCollection(in, new BcKeyFingerprintCalculator());
            for (PGPSecretKeyRing ring : rings) {
                for (PGPSecretKey key : ring) {
                    if (key.isSigningKey() && !key.getPublicKey().hasRevocation()
                            && flagged(key.getPublicKey(), KeyFlags.SIGN_DATA)) {
                        return key;
                    }
                }
            }
            throw new KeyCustodyException("the recovery signing key file holds no key that may sign");
        } catch (IOException | PGPException e) {
            throw new KeyCustodyException("the recovery signing key file is not an OpenPGP secret key");
        }
    }

    /** Whether the key's self-signature (or binding signature) allows {@code flags}; a key without flags does. */
    private static boolean flagged(PGPPublicKey key, int flags) {
        Iterator<PGPSignature> signatures = key.getSignatures();
        while (signatures.hasNext()) {
            PGPSignature signature = signatures.next();
            if (signature.getHashedSubPackets() != null && signature.getHashedSubPackets().getKeyFlags() != 0) {
                return (signature.getHashedSubPackets().getKeyFlags() & flags) != 0;
            }
        }
        return true;
    }
}
