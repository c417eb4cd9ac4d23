package edu.ucla.dgsom.escrow.crypto.boundary;

import edu.ucla.dgsom.escrow.crypto.control.Keyring;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the keys are loaded, hold the root key the key ring is wrapped by, and decrypt the known check
 * value. An instance left with only the previous key store after a root-key rotation says so.
 */
@Readiness
@ApplicationScoped
public class KeysReadiness implements HealthCheck {

    @Inject
    Keyring keyring;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder keys = HealthCheckResponse.named("keys").status(keyring.keysWork());
        Set<String> missing;
        try {
            missing = keyring.loaded() ? keyring.missingRootKeys() : Set.of();
        } catch (RuntimeException e) {
            // The key ring is read from the database; the database check says why it cannot be. A check that throws
            // would make the whole answer a 500 instead of DOWN.
            return keys.down().withData("error", "the key ring cannot be read").build();
        }
        if (!missing.isEmpty()) {
            keys.withData("missingRootKey", String.join(",", missing) + " wraps the key ring but is in none of this"
                    + " instance's key stores: configure the current key store (docs/crypto.md)");
        }
        return keys.build();
    }
}
