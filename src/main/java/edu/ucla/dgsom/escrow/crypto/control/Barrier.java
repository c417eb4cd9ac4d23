package edu.ucla.dgsom.escrow.crypto.control;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The storage barrier: the only code that encrypts, decrypts, wraps keys or signs, and the only holder of keys;
 * {@link Keyring} tells it which KEK versions to load from the database. Every value is encrypted with AES-256-GCM
 * under its own random data key, the data key is wrapped (RFC 5649) by a versioned key-encryption key (KEK), and KEKs
 * are stored in the database wrapped (AES-256-GCM) by the root key from the key store. The envelope format
 * ({@link Envelope}) is documented byte by byte in docs/crypto.md. During a root-key rotation it also holds the
 * previous key store's root key, to open KEKs still wrapped by it; each root key is known by its id.
 */
public final class Barrier {

    private static final int NONCE_BYTES = Envelope.NONCE_BYTES;
    private static final int TAG_BITS = Envelope.TAG_BITS;
    private static final int KEY_BYTES = 32;

    private final SecureRandom random = new SecureRandom();
    private final String rootKeyId;
    private final Map<String, SecretKey> rootKeys = new ConcurrentHashMap<>();
    private final PrivateKey signingKey;
    private final PublicKey signingPublicKey;
    private final Map<Integer, SecretKey> keks = new ConcurrentHashMap<>();

    public Barrier(KeyStoreFile.KeyMaterial keys) {
        this.rootKeyId = idOf(keys.rootKey());
        this.rootKeys.put(rootKeyId, keys.rootKey());
        this.signingKey = keys.signingKey();
        this.signingPublicKey = keys.signingCertificate().getPublicKey();
    }

    /**
     * Also holds the root key of the key store this one succeeds, so KEKs still wrapped by it open until they are
     * re-wrapped. Its audit signing key must be this store's: checkpoints signed before the rotation stay verifiable.
     *
     * @return the previous root key's id
     */
    public String addPreviousRootKey(KeyStoreFile.KeyMaterial previous) throws KeyCustodyException {
        if (!Arrays.equals(previous.signingCertificate().getPublicKey().getEncoded(), signingPublicKey.getEncoded())) {
            throw new KeyCustodyException("the previous key store's audit signing key is not the key store's: make"
                    + " the new key store with 'KeyStoreTool successor', which carries the signing key over");
        }
        String id = idOf(previous.rootKey());
        rootKeys.put(id, previous.rootKey());
        return id;
    }

    /** The id of this key store's root key: the one KEKs are wrapped by once a root-key rotation is done. */
    public String rootKeyId() {
        return rootKeyId;
    }

    public boolean holdsRootKey(String id) {
        return rootKeys.containsKey(id);
    }

    /** Makes a new KEK, keeps it, and returns it wrapped by root key {@code rootKeyId}, for version {@code version}. */
    public byte[] createKek(int version, String rootKeyId) {
        byte[] material = randomBytes(KEY_BYTES);
        try {
            byte[] wrapped = wrapKek(version, material, rootKey(rootKeyId));
            keks.put(version, new SecretKeySpec(material, "AES"));
            return wrapped;
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    /** A loaded KEK wrapped by this key store's root key, for storage under {@code version} in a root-key rotation. */
    public byte[] rewrapKek(int version) {
        byte[] material = kek(version).getEncoded();
        try {
            return wrapKek(version, material, rootKey(rootKeyId));
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    /**
     * Unwraps a stored KEK with root key {@code rootKeyId} and keeps it; fails if it was altered or wrapped by
     * another root key.
     */
    public void installKek(int version, byte[] wrapped, String rootKeyId) {
        if (keks.containsKey(version)) {
            return;
        }
        SecretKey rootKey = rootKey(rootKeyId);
        byte[] material = null;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, rootKey, new GCMParameterSpec(TAG_BITS, wrapped, 0, NONCE_BYTES));
            cipher.updateAAD(kekAssociatedData(version));
            material = cipher.doFinal(wrapped, NONCE_BYTES, wrapped.length - NONCE_BYTES);
            keks.put(version, new SecretKeySpec(material, "AES"));
        } catch (AEADBadTagException | IllegalArgumentException e) {
            throw new IntegrityFailureException();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        } finally {
            if (material != null) {
                Arrays.fill(material, (byte) 0);
            }
        }
    }

    /** Drops a retired KEK from memory. */
    public void forgetKek(int version) {
        keks.remove(version);
    }

    public boolean holdsKek(int version) {
        return keks.containsKey(version);
    }

    /** Encrypts {@code plaintext} for {@code context} under a fresh data key wrapped by KEK {@code kekVersion}. */
    public byte[] seal(SealContext context, byte[] plaintext, int kekVersion) {
        byte[] dataKey = randomBytes(KEY_BYTES);
        try {
            SecretKeySpec key = new SecretKeySpec(dataKey, "AES");
            byte[] wrappedKey = wrap(kek(kekVersion), key);
            byte[] nonce = randomBytes(NONCE_BYTES);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.associatedData(Envelope.FORMAT_VERSION));
            return new Envelope(Envelope.FORMAT_VERSION, kekVersion, wrappedKey, nonce, cipher.doFinal(plaintext))
                    .bytes();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /**
     * Decrypts a value sealed for exactly {@code context}. Any altered byte, or a value sealed for another context,
     * fails with {@link IntegrityFailureException}. The caller wipes the returned array after use.
     */
    public byte[] open(SealContext context, byte[] envelope) {
        Envelope parsed = Envelope.parse(envelope);
        SecretKey dataKey = unwrap(kek(parsed.kekVersion()), parsed.wrappedKey());
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, dataKey, new GCMParameterSpec(TAG_BITS, parsed.nonce()));
            cipher.updateAAD(context.associatedData(parsed.formatVersion()));
            return cipher.doFinal(parsed.ciphertext());
        } catch (AEADBadTagException e) {
            throw new IntegrityFailureException();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** Re-wraps the value's data key under KEK {@code toVersion}; the ciphertext itself is not touched. */
    public byte[] rewrap(byte[] envelope, int toVersion) {
        Envelope parsed = Envelope.parse(envelope);
        SecretKey dataKey = unwrap(kek(parsed.kekVersion()), parsed.wrappedKey());
        return parsed.rewrapped(toVersion, wrap(kek(toVersion), dataKey)).bytes();
    }

    /** The KEK version an envelope's data key is wrapped by, read from its header. */
    public static int kekVersionOf(byte[] envelope) {
        return Envelope.parse(envelope).kekVersion();
    }

    /** Signs with the audit signing key (Ed25519). */
    public byte[] sign(byte[] data) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(signingKey);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is unavailable", e);
        }
    }

    public PublicKey signingPublicKey() {
        return signingPublicKey;
    }

    private byte[] wrapKek(int version, byte[] material, SecretKey rootKey) {
        try {
            byte[] nonce = randomBytes(NONCE_BYTES);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, rootKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(kekAssociatedData(version));
            byte[] sealed = cipher.doFinal(material);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    private SecretKey rootKey(String id) {
        SecretKey rootKey = rootKeys.get(id);
        if (rootKey == null) {
            throw new UnknownRootKeyException(id);
        }
        return rootKey;
    }

    /**
     * A root key's id: the first 8 bytes of HMAC-SHA256 under the key of a fixed label, in hex. It names the key
     * (and tells two keys apart) without revealing anything about it, like a key check value.
     */
    private static String idOf(SecretKey rootKey) {
        byte[] material = rootKey.getEncoded();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(material, "HmacSHA256"));
            byte[] digest = mac.doFinal("escrow.root-key-id".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    private SecretKey kek(int version) {
        SecretKey kek = keks.get(version);
        if (kek == null) {
            throw new UnknownKekException(version);
        }
        return kek;
    }

    private static byte[] wrap(SecretKey kek, SecretKey dataKey) {
        try {
            Cipher cipher = Cipher.getInstance("AES/KWP/NoPadding");
            cipher.init(Cipher.WRAP_MODE, kek);
            return cipher.wrap(dataKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES key wrap is unavailable", e);
        }
    }

    private static SecretKey unwrap(SecretKey kek, byte[] wrappedKey) {
        try {
            Cipher cipher = Cipher.getInstance("AES/KWP/NoPadding");
            cipher.init(Cipher.UNWRAP_MODE, kek);
            return (SecretKey) cipher.unwrap(wrappedKey, "AES", Cipher.SECRET_KEY);
        } catch (java.security.InvalidKeyException e) {
            throw new IntegrityFailureException();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES key wrap is unavailable", e);
        }
    }

    private static byte[] kekAssociatedData(int version) {
        return ("escrow.kek." + version).getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}
