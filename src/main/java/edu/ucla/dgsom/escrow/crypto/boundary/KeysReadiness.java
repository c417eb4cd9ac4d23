package edu.ucla.dgsom.escrow.crypto.boundary;

import edu.ucla.dgsom.escrow.crypto.control.Keyring;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the keys are loaded and decrypt the known check value. */
@Readiness
@ApplicationScoped
public class KeysReadiness implements HealthCheck {

    @Inject
    Keyring keyring;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("keys").status(keyring.keysWork()).build();
    }
}
