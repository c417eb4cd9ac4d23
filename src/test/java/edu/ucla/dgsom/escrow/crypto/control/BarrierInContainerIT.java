package edu.ucla.dgsom.escrow.crypto.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.ucla.dgsom.escrow.problems.Problem;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import java.security.Signature;
import org.bouncycastle.asn1.misc.MiscObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs inside Payara Micro: Bouncy Castle from WEB-INF/lib under Payara's class loaders, without being registered as
 * a global JCA provider, opens a BCFKS key store and the barrier works with the server's JDK providers.
 */
@ExtendWith(ArquillianExtension.class)
class BarrierInContainerIT {

    @Deployment
    static WebArchive deployment() throws URISyntaxException {
        return ShrinkWrap.create(WebArchive.class, "barrier-in-container.war")
                .addClasses(Barrier.class, Envelope.class, UnknownKekException.class, UnknownRootKeyException.class,
                        KeyStoreFile.class, SealContext.class, IntegrityFailureException.class,
                        KeyCustodyException.class, ProblemException.class, ProblemType.class, Problem.class)
                .addAsLibraries(jarOf(BouncyCastleProvider.class), jarOf(JcaX509v3CertificateBuilder.class),
                        jarOf(MiscObjectIdentifiers.class));
    }

    @Test
    void keyStoreBarrierAndSigningWorkInsidePayara() throws Exception {
        Path store = Files.createTempDirectory("escrow-keys").resolve("in-container.bcfks");
        KeyStoreFile.create(store, "an in-container passphrase".toCharArray());
        Barrier barrier = new Barrier(KeyStoreFile.load(store, "an in-container passphrase".toCharArray()));
        barrier.createKek(1, barrier.rootKeyId());
        SealContext context = new SealContext("credential", "1", "password", 1);
        byte[] secret = "in-container secret".getBytes(StandardCharsets.UTF_8);

        byte[] envelope = barrier.seal(context, secret, 1);
        assertArrayEquals(secret, barrier.open(context, envelope));
        assertThrows(IntegrityFailureException.class,
                () -> barrier.open(new SealContext("credential", "2", "password", 1), envelope));

        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(barrier.signingPublicKey());
        verifier.update(secret);
        assertTrue(verifier.verify(barrier.sign(secret)));
        assertEquals(null, Security.getProvider("BC"), "Bouncy Castle stays private to the application");
    }

    private static File jarOf(Class<?> type) throws URISyntaxException {
        return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
