package edu.ucla.dgsom.escrow.audit.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verifier tells another installation's checkpoints from a rewritten trail, online and offline alike. */
class ChainVerificationTest {

    private static final String THIS_ONE = "11111111-1111-1111-1111-111111111111";
    private static final String WIPED = "22222222-2222-2222-2222-222222222222";

    private final KeyPair key = ed25519();
    private final List<AuditEntry> entries = new ArrayList<>();
    private final List<byte[]> hashes = new ArrayList<>();

    ChainVerificationTest() {
        byte[] previous = AuditChain.GENESIS;
        for (long seq = 1; seq <= 5; seq++) {
            AuditEntry entry = new AuditEntry(seq, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(seq), "PERSON",
                    "p-" + seq, "someone", null, "SIGN_IN", null, null, null, "ALLOWED", null, "127.0.0.1", "r-" + seq,
                    null);
            previous = AuditChain.hash(previous, entry);
            entries.add(entry);
            hashes.add(previous);
        }
    }

    @Test
    void checkpointsOfAnotherInstallationInTheFileAreIgnoredWithAWarningAndTheTrailVerifies() {
        AuditCheckpoint own = checkpoint(3, hashes.get(2), THIS_ONE);
        AuditCheckpoint foreign2 = checkpoint(2, new byte[32], WIPED);
        AuditCheckpoint foreign4 = checkpoint(4, new byte[32], WIPED);

        ChainVerification.Verdict verdict = verify(List.of(own), List.of(foreign2, own, foreign4));

        assertTrue(verdict.ok(), verdict::toString);
        assertEquals(1, verdict.checkpoints());
        assertEquals(List.of("2 checkpoints (2 to 4) belong to installation " + WIPED + ", not this one (" + THIS_ONE
                + "): ignored"), verdict.warnings());
    }

    @Test
    void theVerdictNamesTheNewestCheckpointVerifiedTheFingerprintOfItsKeyAndWhoseKeyThatIs() {
        AuditCheckpoint second = checkpoint(2, hashes.get(1), THIS_ONE);
        AuditCheckpoint fourth = checkpoint(4, hashes.get(3), THIS_ONE);

        ChainVerification.VerifiedCheckpoint last = verify(List.of(second, fourth), List.of()).lastCheckpoint();

        assertEquals(4, last.seq());
        assertEquals(fourth.createdAt(), last.createdAt());
        assertEquals(AuditChain.keyId(key.getPublic()), last.keyFingerprint());
        assertEquals("the audit signing key of installation " + THIS_ONE, last.signedBy());
        assertNull(verify(List.of(), List.of()).lastCheckpoint(), "no checkpoint, none verified");
        assertNull(verify(List.of(checkpoint(4, new byte[32], THIS_ONE)), List.of()).lastCheckpoint(),
                "a checkpoint the entries do not lead to is not verified");
    }

    @Test
    void aCheckpointOfThisInstallationThatTheEntriesDoNotLeadToStillFailsAsRewritten() {
        ChainVerification.Verdict verdict = verify(List.of(), List.of(checkpoint(4, new byte[32], THIS_ONE)));

        assertFalse(verdict.ok());
        assertEquals(1L, verdict.firstBadSeq());
        assertTrue(verdict.problem().contains("do not lead to the signed checkpoint at 4: they were rewritten"),
                verdict.problem());
    }

    @Test
    void aCheckpointInTheDatabaseThatNamesAnotherInstallationFails() {
        ChainVerification.Verdict verdict = verify(List.of(checkpoint(3, hashes.get(2), WIPED)), List.of());

        assertFalse(verdict.ok());
        assertTrue(verdict.problem().contains("names installation " + WIPED), verdict.problem());
    }

    @Test
    void aVersionOneCheckpointWithoutInstallationStillVerifies() throws GeneralSecurityException {
        AuditCheckpoint unsigned = new AuditCheckpoint(5, hashes.get(4), Instant.now(), null, null, null);
        AuditCheckpoint v1 = new AuditCheckpoint(5, hashes.get(4), unsigned.createdAt(), null, null,
                sign(AuditChain.checkpointPayload(unsigned)));

        ChainVerification.Verdict verdict = verify(List.of(v1), List.of());

        assertTrue(verdict.ok(), verdict::toString);
        assertEquals(1, verdict.checkpoints());
    }

    @Test
    void aCheckpointSignedWithAnotherKeyIsReportedAsSuchNotAsAnInvalidSignatureOrRewrittenEntries() {
        KeyPair otherKey = ed25519();
        AuditCheckpoint foreignKey = checkpoint(3, hashes.get(2), THIS_ONE, otherKey);

        ChainVerification.Verdict verdict = verify(List.of(foreignKey), List.of());

        assertFalse(verdict.ok());
        assertEquals(3L, verdict.firstBadSeq());
        assertEquals("the checkpoint at 3 was signed with audit key " + AuditChain.keyId(otherKey.getPublic())
                + ", not with the given key " + AuditChain.keyId(key.getPublic()), verdict.problem());
    }

    @Test
    void aCheckpointWhoseSignedInstallationWasEditedHasAnInvalidSignature() {
        AuditCheckpoint genuine = checkpoint(3, hashes.get(2), THIS_ONE);
        AuditCheckpoint relabelled = new AuditCheckpoint(3, genuine.headHash(), genuine.createdAt(), WIPED,
                genuine.keyId(), genuine.signature());

        assertFalse(AuditChain.signatureValid(relabelled, key.getPublic()));
    }

    @Test
    void theOfflineVerifierReportsAWipedDatabasesCheckpointFileAsAnotherInstallations(@TempDir Path dir)
            throws Exception {
        Path export = export(dir);
        Path pem = pem(dir);
        Path file = dir.resolve("audit-checkpoints.jsonl");
        Files.writeString(file, AuditChain.checkpointLine(checkpoint(2, new byte[32], WIPED)) + "\n",
                StandardCharsets.UTF_8);

        ChainVerification.Verdict verdict = AuditVerifier.verify(export, pem, file);

        assertTrue(verdict.ok(), verdict::toString);
        assertEquals(List.of("checkpoint 2 belongs to installation " + WIPED + ", not this one (" + THIS_ONE
                + "): ignored"), verdict.warnings());
    }

    @Test
    void the_offline_verifier_runs_with_nothing_but_the_jdk_and_the_classes(@TempDir Path dir) throws Exception {
        Path classes = Path.of(AuditVerifier.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Process verifier = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classes.toString(), AuditVerifier.class.getName(), export(dir).toString(), pem(dir).toString())
                .redirectErrorStream(true).start();
        String output = new String(verifier.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();

        assertTrue(verifier.waitFor(1, java.util.concurrent.TimeUnit.MINUTES));
        assertEquals(0, verifier.exitValue(), output);
        assertEquals("OK: entries 1 to 5 verified (5 entries, 1 signed checkpoints)", output);
    }

    private Path export(Path dir) throws java.io.IOException {
        List<String> lines = new ArrayList<>();
        lines.add(AuditChain.headerLine(THIS_ONE, AuditChain.keyId(key.getPublic()), 1, 5, AuditChain.GENESIS));
        for (int i = 0; i < entries.size(); i++) {
            lines.add(AuditChain.entryLine(entries.get(i), hashes.get(i)));
        }
        lines.add(AuditChain.checkpointLine(checkpoint(5, hashes.get(4), THIS_ONE)));
        return Files.write(dir.resolve("export.jsonl"), lines);
    }

    private Path pem(Path dir) throws java.io.IOException {
        return Files.writeString(dir.resolve("key.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(key.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
    }

    private ChainVerification.Verdict verify(List<AuditCheckpoint> own, List<AuditCheckpoint> external) {
        ChainVerification verification = new ChainVerification(key.getPublic(), THIS_ONE, 1, AuditChain.GENESIS, own,
                external);
        for (int i = 0; i < entries.size(); i++) {
            verification.accept(entries.get(i), hashes.get(i));
        }
        return verification.finish();
    }

    private AuditCheckpoint checkpoint(long seq, byte[] head, String installation) {
        return checkpoint(seq, head, installation, key);
    }

    /** A checkpoint that names and is signed with {@code signer}'s key. */
    private static AuditCheckpoint checkpoint(long seq, byte[] head, String installation, KeyPair signer) {
        AuditCheckpoint unsigned = new AuditCheckpoint(seq, head, AuditChain.micros(Instant.now()), installation,
                AuditChain.keyId(signer.getPublic()), null);
        try {
            return new AuditCheckpoint(seq, head, unsigned.createdAt(), installation, unsigned.keyId(),
                    sign(AuditChain.checkpointPayload(unsigned), signer));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] sign(byte[] payload) throws GeneralSecurityException {
        return sign(payload, key);
    }

    private static byte[] sign(byte[] payload, KeyPair signer) throws GeneralSecurityException {
        Signature signature = Signature.getInstance("Ed25519");
        signature.initSign(signer.getPrivate());
        signature.update(payload);
        return signature.sign();
    }

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
