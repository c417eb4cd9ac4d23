package edu.ucla.dgsom.escrow.crypto.control;

import edu.ucla.dgsom.escrow.crypto.entity.SealedValue;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * A known text sealed once per installation: keys that open it to that text belong to this database. Checked at
 * startup and by {@code /health/ready}.
 */
@Dependent
public class KeyCheckValue {

    static final SealContext CONTEXT = new SealContext("key_check", "installation", "check", 1);
    static final byte[] PLAINTEXT = "escrow key check, format 1".getBytes(StandardCharsets.US_ASCII);

    @PersistenceContext
    EntityManager em;

    /** Seals the check value on a new installation; otherwise fails unless the barrier opens it to the known text. */
    void verifyOrCreate(Barrier barrier, int kekVersion) {
        Optional<SealedValue> stored = stored();
        if (stored.isEmpty()) {
            em.persist(new SealedValue(CONTEXT.table(), CONTEXT.recordId(), CONTEXT.field(), CONTEXT.version(),
                    kekVersion, barrier.seal(CONTEXT, PLAINTEXT, kekVersion), Instant.now()));
        } else if (!opensToKnownText(stored.get().envelope(), barrier::open)) {
            throw new IntegrityFailureException();
        }
    }

    /** Whether {@code open} opens the stored check value to the known text; false when there is none yet. */
    boolean opensWith(BiFunction<SealContext, byte[], byte[]> open) {
        return stored().map(value -> opensToKnownText(value.envelope(), open)).orElse(false);
    }

    static boolean opensToKnownText(byte[] envelope, BiFunction<SealContext, byte[], byte[]> open) {
        byte[] plaintext = open.apply(CONTEXT, envelope);
        try {
            return Arrays.equals(plaintext, PLAINTEXT);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private Optional<SealedValue> stored() {
        return em.createNamedQuery(SealedValue.BY_OWNER, SealedValue.class)
                .setParameter("table", CONTEXT.table()).setParameter("id", CONTEXT.recordId())
                .setParameter("field", CONTEXT.field()).setParameter("version", CONTEXT.version())
                .getResultStream().findFirst();
    }
}
