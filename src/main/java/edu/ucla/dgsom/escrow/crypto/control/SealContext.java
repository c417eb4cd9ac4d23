package edu.ucla.dgsom.escrow.crypto.control;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where a sealed value belongs: owning table, record id, field and record version. It is the associated data of the
 * value's encryption, so a ciphertext copied onto another record, field or version does not decrypt.
 */
public record SealContext(String table, String recordId, String field, int version) {

    public SealContext {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(field, "field");
    }

    /** Canonical encoding (docs/crypto.md): a domain label, then each part length-prefixed. */
    byte[] associatedData(int formatVersion) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(96);
        byte[] label = "escrow.barrier".getBytes(StandardCharsets.US_ASCII);
        out.write(label, 0, label.length);
        out.write(formatVersion);
        for (String part : new String[] {table, recordId, field}) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            out.write(bytes.length >>> 8);
            out.write(bytes.length);
            out.write(bytes, 0, bytes.length);
        }
        out.write(version >>> 24);
        out.write(version >>> 16);
        out.write(version >>> 8);
        out.write(version);
        return out.toByteArray();
    }
}
