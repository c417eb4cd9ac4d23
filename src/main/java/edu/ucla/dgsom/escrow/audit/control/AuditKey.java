package edu.ucla.dgsom.escrow.audit.control;

import edu.ucla.dgsom.escrow.crypto.control.Keyring;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** The audit signing key: signing checkpoints with it, its public half, and its id as checkpoints name it. */
@ApplicationScoped
public class AuditKey {

    @Inject
    Keyring keyring;

    /** Signs a checkpoint's payload (Ed25519). */
    public byte[] sign(byte[] payload) {
        return keyring.barrier().sign(payload);
    }

    /** As the JDK reads it, as the offline verifier does, whichever provider the key store came from. */
    public PublicKey publicKey() {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(keyring.barrier().signingPublicKey().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the audit public key is unusable", e);
        }
    }

    public String id() {
        return AuditChain.keyId(publicKey());
    }

    /** The public half as PEM (SubjectPublicKeyInfo), for offline verification. */
    public String pem() {
        return pem(publicKey());
    }

    static String pem(PublicKey key) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
    }
}
