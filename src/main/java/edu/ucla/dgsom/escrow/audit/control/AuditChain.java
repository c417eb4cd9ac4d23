package edu.ucla.dgsom.escrow.audit.control;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audit chain's definitions, shared by the server and the offline verifier: the canonical encoding of an entry,
 * its hash, the signed checkpoint payload, and the JSON-lines export format. Plain JDK, documented byte by byte in
 * docs/audit.md.
 */
public final class AuditChain {

    /** The hash the first entry chains from. */
    public static final byte[] GENESIS = new byte[32];
    private static final byte[] ENTRY_LABEL = "escrow.audit.entry.v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHECKPOINT_LABEL = "escrow.audit.checkpoint.v1".getBytes(StandardCharsets.US_ASCII);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private AuditChain() {
    }

    /** SHA-256 over label, previous hash, sequence number and each field (length-prefixed; null as 0xFFFFFFFF). */
    public static byte[] hash(byte[] previous, AuditEntry entry) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(ENTRY_LABEL);
            sha.update(previous);
            sha.update(ByteBuffer.allocate(8).putLong(entry.seq()).array());
            for (String field : entry.fields()) {
                if (field == null) {
                    sha.update(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
                } else {
                    byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                    sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
                    sha.update(bytes);
                }
            }
            return sha.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    /** What a checkpoint signs: label, sequence number, head hash, creation time in microseconds since the epoch. */
    public static byte[] checkpointPayload(long seq, byte[] headHash, Instant createdAt) {
        return ByteBuffer.allocate(CHECKPOINT_LABEL.length + 8 + 32 + 8).put(CHECKPOINT_LABEL).putLong(seq)
                .put(headHash).putLong(ChronoUnit.MICROS.between(Instant.EPOCH, createdAt)).array();
    }

    public static boolean signatureValid(AuditCheckpoint checkpoint, PublicKey key) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(checkpointPayload(checkpoint.seq(), checkpoint.headHash(), checkpoint.createdAt()));
            return verifier.verify(checkpoint.signature());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    public static Instant micros(Instant time) {
        return time.truncatedTo(ChronoUnit.MICROS);
    }

    static String timestamp(Instant time) {
        return TIME.format(time);
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    public static byte[] unhex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    /** One export line for an entry. */
    public static String entryLine(AuditEntry e, byte[] hash) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", "entry");
        fields.put("seq", e.seq());
        fields.put("occurredAt", timestamp(e.occurredAt()));
        fields.put("actorType", e.actorType());
        fields.put("actorId", e.actorId());
        fields.put("actorName", e.actorName());
        fields.put("actorRoles", e.actorRoles());
        fields.put("action", e.action());
        fields.put("targetType", e.targetType());
        fields.put("targetId", e.targetId());
        fields.put("departmentId", e.departmentId());
        fields.put("outcome", e.outcome());
        fields.put("reason", e.reason());
        fields.put("clientAddress", e.clientAddress());
        fields.put("requestId", e.requestId());
        fields.put("details", e.details());
        fields.put("hash", hex(hash));
        return FlatJson.write(fields);
    }

    /** One export (and external checkpoint file) line for a checkpoint. */
    public static String checkpointLine(AuditCheckpoint c) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", "checkpoint");
        fields.put("seq", c.seq());
        fields.put("headHash", hex(c.headHash()));
        fields.put("createdAt", timestamp(c.createdAt()));
        fields.put("signature", Base64.getEncoder().encodeToString(c.signature()));
        return FlatJson.write(fields);
    }

    /** The first export line: the range and the hash the range's first entry chains from. */
    public static String headerLine(long fromSeq, long toSeq, byte[] previousHash) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", "export");
        fields.put("fromSeq", fromSeq);
        fields.put("toSeq", toSeq);
        fields.put("previousHash", hex(previousHash));
        return FlatJson.write(fields);
    }

    static AuditEntry entryOf(Map<String, String> f) {
        return new AuditEntry(Long.parseLong(f.get("seq")), Instant.parse(f.get("occurredAt")), f.get("actorType"),
                f.get("actorId"), f.get("actorName"), f.get("actorRoles"), f.get("action"), f.get("targetType"),
                f.get("targetId"), f.get("departmentId"), f.get("outcome"), f.get("reason"), f.get("clientAddress"),
                f.get("requestId"), f.get("details"));
    }

    static AuditCheckpoint checkpointOf(Map<String, String> f) {
        return new AuditCheckpoint(Long.parseLong(f.get("seq")), unhex(f.get("headHash")),
                Instant.parse(f.get("createdAt")), Base64.getDecoder().decode(f.get("signature")));
    }
}
