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
    private static final byte[] CHECKPOINT_LABEL_V1 = "escrow.audit.checkpoint.v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHECKPOINT_LABEL = "escrow.audit.checkpoint.v2".getBytes(StandardCharsets.US_ASCII);
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

    /**
     * What a checkpoint signs. Version 2: label, sequence number, head hash, creation time in microseconds since the
     * epoch, then the installation id and the key id, each length-prefixed UTF-8. Version 1 (no installation, no key
     * id) stops after the time; its checkpoints still verify.
     */
    public static byte[] checkpointPayload(AuditCheckpoint c) {
        if (c.installationId() == null) {
            return ByteBuffer.allocate(CHECKPOINT_LABEL_V1.length + 8 + 32 + 8).put(CHECKPOINT_LABEL_V1).putLong(c.seq())
                    .put(c.headHash()).putLong(ChronoUnit.MICROS.between(Instant.EPOCH, c.createdAt())).array();
        }
        byte[] installation = c.installationId().getBytes(StandardCharsets.UTF_8);
        byte[] keyId = c.keyId().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(CHECKPOINT_LABEL.length + 8 + 32 + 8 + 4 + installation.length + 4 + keyId.length)
                .put(CHECKPOINT_LABEL).putLong(c.seq()).put(c.headHash())
                .putLong(ChronoUnit.MICROS.between(Instant.EPOCH, c.createdAt()))
                .putInt(installation.length).put(installation).putInt(keyId.length).put(keyId).array();
    }

    public static boolean signatureValid(AuditCheckpoint checkpoint, PublicKey key) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(checkpointPayload(checkpoint));
            return verifier.verify(checkpoint.signature());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** A public key's id: the SHA-256 of its X.509 encoding (the PEM's content), in hex. */
    public static String keyId(PublicKey key) {
        try {
            return hex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
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
        if (c.installationId() != null) {
            fields.put("installation", c.installationId());
            fields.put("keyId", c.keyId());
        }
        fields.put("signature", Base64.getEncoder().encodeToString(c.signature()));
        return FlatJson.write(fields);
    }

    /**
     * The first export line: the installation and audit key it comes from, the range and the hash the range's first
     * entry chains from.
     */
    public static String headerLine(String installationId, String keyId, long fromSeq, long toSeq,
            byte[] previousHash) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", "export");
        fields.put("installation", installationId);
        fields.put("keyId", keyId);
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
                Instant.parse(f.get("createdAt")), f.get("installation"), f.get("keyId"),
                Base64.getDecoder().decode(f.get("signature")));
    }
}
