package edu.ucla.dgsom.escrow.audit.control;

import edu.ucla.dgsom.escrow.crypto.control.Keyring;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.GeneralSecurityException;
import java.security.PublicKey;

/** The public half of the audit signing key, and its id as checkpoints and exports name it. */
@ApplicationScoped
public class AuditKey {

    @Inject
    Keyring keyring;

    public PublicKey publicKey() {
        try {
            return AuditVerifier.publicKey(keyring.auditPublicKeyPem());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the audit public key is unusable", e);
        }
    }

    public String id() {
        return AuditChain.keyId(publicKey());
    }
}
