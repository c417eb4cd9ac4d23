package edu.ucla.dgsom.escrow.crypto.boundary;

import edu.ucla.dgsom.escrow.crypto.entity.KeyEncryptionKey;
import java.time.Instant;

/** One key-encryption key version, without its material: how many stored values it wraps. */
public record KeyVersionView(int version, String state, boolean current, long values, Instant createdAt,
        Instant retiredAt) {

    static KeyVersionView of(KeyEncryptionKey kek, boolean current, long values) {
        return new KeyVersionView(kek.version(), kek.state().name(), current, values, kek.createdAt(), kek.retiredAt());
    }
}
