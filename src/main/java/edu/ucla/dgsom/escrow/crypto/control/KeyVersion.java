package edu.ucla.dgsom.escrow.crypto.control;

import edu.ucla.dgsom.escrow.crypto.entity.KeyEncryptionKey;
import java.time.Instant;

/** A key-encryption key version as other features see it: its state and root key, never its material. */
public record KeyVersion(int version, String state, String rootKeyId, Instant createdAt, Instant retiredAt) {

    static KeyVersion of(KeyEncryptionKey kek) {
        return new KeyVersion(kek.version(), kek.state().name(), kek.rootKeyId(), kek.createdAt(), kek.retiredAt());
    }
}
