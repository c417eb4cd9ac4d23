package edu.ucla.dgsom.escrow.crypto.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The barrier on its own: round trips, tampering, moved values, rotation re-wraps, key custody failures. */
class BarrierTest {

    private static final SealContext CONTEXT = new SealContext("credential", "42", "password", 3);
    private static final byte[] SECRET = "Pässwörd 🔐 hunter2".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path dir;

    private static Path keyStore;
    private static Barrier barrier;
    private static byte[] wrappedKek1;

    @BeforeAll
    static void keys() throws Exception {
        keyStore = dir.resolve("test.bcfks");
        KeyStoreFile.create(keyStore, "a test passphrase, long enough".toCharArray());
        barrier = new Barrier(KeyStoreFile.load(keyStore, "a test passphrase, long enough".toCharArray()));
        wrappedKek1 = barrier.createKek(1, barrier.rootKeyId());
    }

    @Test
    void roundTrip() {
        byte[] envelope = barrier.seal(CONTEXT, SECRET, 1);
        assertArrayEquals(SECRET, barrier.open(CONTEXT, envelope));
        assertEquals(1, Barrier.kekVersionOf(envelope));
    }

    @Test
    void twoEncryptionsOfTheSamePlaintextDiffer() {
        assertFalse(Arrays.equals(barrier.seal(CONTEXT, SECRET, 1), barrier.seal(CONTEXT, SECRET, 1)));
    }

    @Test
    void theEnvelopeDoesNotContainThePlaintext() {
        byte[] envelope = barrier.seal(CONTEXT, SECRET, 1);
        assertFalse(new String(envelope, StandardCharsets.ISO_8859_1).contains("hunter2"));
    }

    @Test
    void tamperingAnyByteFails() {
        byte[] envelope = barrier.seal(CONTEXT, SECRET, 1);
        for (int i = 0; i < envelope.length; i++) {
            byte[] tampered = envelope.clone();
            tampered[i] ^= 0x01;
            int position = i;
            RuntimeException failure = assertThrows(RuntimeException.class, () -> barrier.open(CONTEXT, tampered),
                    "byte " + position + " was altered");
            assertTrue(failure instanceof IntegrityFailureException || failure instanceof UnknownKekException,
                    "byte " + position + ": " + failure);
        }
    }

    @Test
    void truncatedOrEmptyEnvelopeFails() {
        byte[] envelope = barrier.seal(CONTEXT, SECRET, 1);
        assertThrows(IntegrityFailureException.class, () -> barrier.open(CONTEXT, Arrays.copyOf(envelope, 30)));
        assertThrows(IntegrityFailureException.class, () -> barrier.open(CONTEXT, new byte[0]));
        assertThrows(IntegrityFailureException.class,
                () -> barrier.open(CONTEXT, Arrays.copyOf(envelope, envelope.length - 1)));
    }

    @Test
    void aValueMovedToAnotherRecordFieldOrVersionFails() {
        byte[] envelope = barrier.seal(CONTEXT, SECRET, 1);
        assertThrows(IntegrityFailureException.class,
                () -> barrier.open(new SealContext("credential", "43", "password", 3), envelope));
        assertThrows(IntegrityFailureException.class,
                () -> barrier.open(new SealContext("credential", "42", "username", 3), envelope));
        assertThrows(IntegrityFailureException.class,
                () -> barrier.open(new SealContext("credential", "42", "password", 2), envelope));
        assertThrows(IntegrityFailureException.class,
                () -> barrier.open(new SealContext("person", "42", "password", 3), envelope));
    }

    @Test
    void associatedDataCannotBeShiftedBetweenParts() {
        byte[] envelope = barrier.seal(new SealContext("ab", "c", "d", 1), SECRET, 1);
        assertThrows(IntegrityFailureException.class,
                () -> barrier.open(new SealContext("a", "bc", "d", 1), envelope));
    }

    @Test
    void rewrapMovesTheDataKeyToTheNewKekAndKeepsTheValue() {
        byte[] envelope = barrier.seal(CONTEXT, SECRET, 1);
        barrier.createKek(2, barrier.rootKeyId());
        byte[] rewrapped = barrier.rewrap(envelope, 2);
        assertEquals(2, Barrier.kekVersionOf(rewrapped));
        barrier.forgetKek(1);
        try {
            assertArrayEquals(SECRET, barrier.open(CONTEXT, rewrapped));
            assertThrows(UnknownKekException.class, () -> barrier.open(CONTEXT, envelope));
        } finally {
            barrier.installKek(1, wrappedKek1, barrier.rootKeyId());
        }
    }

    @Test
    void storedKeksDecryptOnlyWithTheirRootKeyAndVersion() throws Exception {
        Path otherStore = dir.resolve("other.bcfks");
        KeyStoreFile.create(otherStore, "another passphrase, long enough".toCharArray());
        Barrier other = new Barrier(KeyStoreFile.load(otherStore, "another passphrase, long enough".toCharArray()));
        byte[] wrapped = barrier.createKek(7, barrier.rootKeyId());
        assertThrows(IntegrityFailureException.class, () -> other.installKek(7, wrapped, other.rootKeyId()));
        assertThrows(IntegrityFailureException.class, () -> other.installKek(8, wrapped, other.rootKeyId()));
        assertThrows(UnknownRootKeyException.class, () -> other.installKek(7, wrapped, barrier.rootKeyId()));
        Barrier same = new Barrier(KeyStoreFile.load(keyStore, "a test passphrase, long enough".toCharArray()));
        assertEquals(barrier.rootKeyId(), same.rootKeyId());
        assertThrows(IntegrityFailureException.class, () -> same.installKek(8, wrapped, same.rootKeyId()));
        same.installKek(7, wrapped, same.rootKeyId());
        assertArrayEquals(SECRET, same.open(CONTEXT, barrier.seal(CONTEXT, SECRET, 7)));
    }

    @Test
    void aSuccessorKeyStoreHasANewRootKeyAndTheSameAuditSigningKey() throws Exception {
        Path next = dir.resolve("successor.bcfks");
        KeyStoreFile.createSuccessor(keyStore, "a test passphrase, long enough".toCharArray(), next,
                "the next passphrase, long enough".toCharArray());
        Barrier successor = new Barrier(KeyStoreFile.load(next, "the next passphrase, long enough".toCharArray()));
        assertTrue(successor.rootKeyId().matches("[0-9a-f]{16}"), successor.rootKeyId());
        assertFalse(successor.rootKeyId().equals(barrier.rootKeyId()), "a fresh root key");
        assertArrayEquals(barrier.signingPublicKey().getEncoded(), successor.signingPublicKey().getEncoded());
    }

    @Test
    void aRootKeyRotationRewrapsAKekSoThatOnlyTheNewKeyStoreOpensIt() throws Exception {
        Path next = dir.resolve("rotated.bcfks");
        KeyStoreFile.createSuccessor(keyStore, "a test passphrase, long enough".toCharArray(), next,
                "the next passphrase, long enough".toCharArray());
        Barrier during = new Barrier(KeyStoreFile.load(next, "the next passphrase, long enough".toCharArray()));
        String previous = during.addPreviousRootKey(
                KeyStoreFile.load(keyStore, "a test passphrase, long enough".toCharArray()));
        assertEquals(barrier.rootKeyId(), previous);
        during.installKek(1, wrappedKek1, previous);
        byte[] rewrapped = during.rewrapKek(1);
        byte[] envelope = barrier.seal(CONTEXT, SECRET, 1);

        Barrier after = new Barrier(KeyStoreFile.load(next, "the next passphrase, long enough".toCharArray()));
        after.installKek(1, rewrapped, during.rootKeyId());
        assertArrayEquals(SECRET, after.open(CONTEXT, envelope));
        Barrier oldOnly = new Barrier(KeyStoreFile.load(keyStore, "a test passphrase, long enough".toCharArray()));
        assertThrows(UnknownRootKeyException.class, () -> oldOnly.installKek(1, rewrapped, after.rootKeyId()));
        assertThrows(IntegrityFailureException.class, () -> oldOnly.installKek(1, rewrapped, oldOnly.rootKeyId()));
    }

    @Test
    void aPreviousKeyStoreWithAnotherAuditSigningKeyIsRefused() throws Exception {
        Path unrelated = dir.resolve("unrelated.bcfks");
        KeyStoreFile.create(unrelated, "an unrelated passphrase, long enough".toCharArray());
        Barrier successor = new Barrier(KeyStoreFile.load(unrelated,
                "an unrelated passphrase, long enough".toCharArray()));
        KeyCustodyException refused = assertThrows(KeyCustodyException.class, () -> successor.addPreviousRootKey(
                KeyStoreFile.load(keyStore, "a test passphrase, long enough".toCharArray())));
        assertTrue(refused.getMessage().contains("KeyStoreTool successor"), refused::getMessage);
    }

    @Test
    void signaturesVerifyWithThePublicKey() throws Exception {
        byte[] data = "checkpoint 1000".getBytes(StandardCharsets.UTF_8);
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(barrier.signingPublicKey());
        verifier.update(data);
        assertTrue(verifier.verify(barrier.sign(data)));
    }

    @Test
    void wrongPassphraseMissingFileAndMissingConfigurationAreClearErrors() throws Exception {
        KeyCustodyException wrong = assertThrows(KeyCustodyException.class,
                () -> KeyStoreFile.load(keyStore, "not the passphrase".toCharArray()));
        assertTrue(wrong.getMessage().contains("wrong passphrase"), wrong.getMessage());
        KeyCustodyException missing = assertThrows(KeyCustodyException.class,
                () -> KeyStoreFile.load(dir.resolve("absent.bcfks"), "x".toCharArray()));
        assertTrue(missing.getMessage().startsWith("no key store at"), missing.getMessage());
        Files.writeString(dir.resolve("garbage.bcfks"), "not a key store");
        assertThrows(KeyCustodyException.class,
                () -> KeyStoreFile.load(dir.resolve("garbage.bcfks"), "x".toCharArray()));
    }

    @Test
    void thePassphraseArrayIsWipedAfterLoading() throws Exception {
        char[] passphrase = "a test passphrase, long enough".toCharArray();
        KeyStoreFile.load(keyStore, passphrase);
        for (char c : passphrase) {
            assertEquals('\0', c);
        }
    }
}
