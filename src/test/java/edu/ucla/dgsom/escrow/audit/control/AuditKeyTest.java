package edu.ucla.dgsom.escrow.audit.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPairGenerator;
import java.security.PublicKey;
import org.junit.jupiter.api.Test;

/** The audit public key as PEM reads back, with the JDK alone, as the same key. */
class AuditKeyTest {

    @Test
    void the_pem_of_the_audit_key_reads_back_as_the_same_key() throws Exception {
        PublicKey key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();

        String pem = AuditKey.pem(key);

        assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----\n") && pem.endsWith("\n-----END PUBLIC KEY-----\n"), pem);
        assertArrayEquals(key.getEncoded(), AuditVerifier.publicKey(pem).getEncoded());
    }
}
