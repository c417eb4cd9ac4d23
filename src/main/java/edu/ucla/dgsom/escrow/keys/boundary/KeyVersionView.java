package edu.ucla.dgsom.escrow.keys.boundary;

import edu.ucla.dgsom.escrow.crypto.control.KeyVersion;
import java.time.Instant;

/**
 * One key-encryption key version, without its material: how many stored values it wraps, and the id of the root key
 * that wraps it (null once retired), so an operator sees a root-key rotation through.
 */
public record KeyVersionView(int version, String state, boolean current, long values, String rootKey,
        Instant createdAt, Instant retiredAt) {

    static KeyVersionView of(KeyVersion kek, boolean current, long values) {
        return new KeyVersionView(kek.version(), kek.state(), current, values, kek.rootKeyId(), kek.createdAt(),
                kek.retiredAt());
    }
}
