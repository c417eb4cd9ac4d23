package edu.ucla.dgsom.escrow.keys.control;

import edu.ucla.dgsom.escrow.audit.control.AuditAction;
import edu.ucla.dgsom.escrow.audit.control.AuditTrail;
import edu.ucla.dgsom.escrow.audit.control.Outcome;
import edu.ucla.dgsom.escrow.crypto.control.Keyring;
import edu.ucla.dgsom.escrow.crypto.control.KeyVersion;
import edu.ucla.dgsom.escrow.crypto.control.RootKeyRotation;
import edu.ucla.dgsom.escrow.crypto.control.SealedValues;
import edu.ucla.dgsom.escrow.crypto.control.UnknownRootKeyException;
import edu.ucla.dgsom.escrow.keys.entity.KeyRotation;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import edu.ucla.dgsom.escrow.security.Caller;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * KEK rotation, root-key rotation and KEK retirement. A rotation adds a KEK version, which is current from then on,
 * and re-wraps every data key to it batch by batch, each batch in its own transaction, so reads and writes go on and
 * a crash loses nothing: the next batch simply starts from the values still wrapped by an older KEK.
 */
@Stateless
public class KeyRotations {

    @PersistenceContext
    EntityManager em;

    @Inject
    Keyring keyring;

    @Inject
    SealedValues values;

    @Inject
    AuditTrail audit;

    @Inject
    Caller caller;

    public KeyRotation start(String reason) {
        running().ifPresent(r -> {
            throw new ProblemException(ProblemType.CONFLICT, "Key rotation " + r.id() + " is still running");
        });
        int version = createNextVersion();
        KeyRotation rotation = new KeyRotation(version, reason, caller.auditName(), Instant.now());
        em.persist(rotation);
        em.flush();
        audit.record(AuditAction.KEY_ROTATION_START, AuditTrail.Target.of("key_rotation", rotation.id()),
                Outcome.ALLOWED, reason, Map.of("targetVersion", Integer.toString(version)));
        return rotation;
    }

    public Optional<KeyRotation> find(String id) {
        return Optional.ofNullable(em.find(KeyRotation.class, id));
    }

    /** The latest {@code limit} rotations, newest first. */
    public List<KeyRotation> newest(int limit) {
        return em.createNamedQuery(KeyRotation.NEWEST_FIRST, KeyRotation.class).setMaxResults(limit).getResultList();
    }

    public Optional<KeyRotation> running() {
        return em.createNamedQuery(KeyRotation.RUNNING, KeyRotation.class).getResultStream().findFirst();
    }

    public List<String> runningIds() {
        return running().map(KeyRotation::id).stream().toList();
    }

    /** Values still wrapped by a KEK older than the rotation's target. */
    public long remaining(KeyRotation rotation) {
        return rotation.running() ? values.countBelow(rotation.targetVersion()) : 0;
    }

    /**
     * Re-wraps up to {@code size} values and commits; completes the rotation when none is left. The rotation row is
     * locked for the batch, so instances sharing the database take turns instead of counting twice.
     *
     * @return how many values this batch re-wrapped; 0 once the rotation is complete
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int rewrapBatch(String rotationId, int size) {
        KeyRotation rotation = em.find(KeyRotation.class, rotationId, LockModeType.PESSIMISTIC_WRITE);
        if (rotation == null || !rotation.running()) {
            return 0;
        }
        int rewrapped = values.rewrapBelow(rotation.targetVersion(), size);
        if (rewrapped > 0) {
            rotation.progressed(rewrapped);
        } else {
            rotation.completeIfNoneLeft(remaining(rotation), Instant.now());
        }
        return rewrapped;
    }

    /** Re-wraps every active KEK under the root key of this instance's key store (docs/crypto.md). */
    public RootKeyRotation rotateRootKey(String reason) {
        RootKeyRotation done = keyring.rewrapUnderOwnRootKey();
        audit.record(AuditAction.KEY_ROOT_ROTATION, AuditTrail.Target.of("root_key", done.rootKey()), Outcome.ALLOWED,
                reason, Map.of("previousRootKeys", String.join(",", done.previousRootKeys()),
                        "rewrapped", Integer.toString(done.rewrapped())));
        return done;
    }

    /** A new KEK version, refused on an instance that lacks the root key the key ring is wrapped by. */
    private int createNextVersion() {
        try {
            return keyring.createNextVersion();
        } catch (UnknownRootKeyException e) {
            throw new ProblemException(ProblemType.CONFLICT, "The key ring is wrapped by root key " + e.id()
                    + ", which is in none of this instance's key stores (see /health/ready)");
        }
    }

    public List<KeyVersion> versions() {
        return keyring.versions();
    }

    public long valuesUsing(int version) {
        return values.countWrappedBy(version);
    }

    /** Erases an old KEK. Refuses for the current KEK, during a rotation, and while any value still uses it. */
    public void retire(int version) {
        keyring.lockActive(version).orElseThrow(() -> ProblemException.notFound("Active key version " + version));
        if (version == keyring.currentVersion()) {
            throw new ProblemException(ProblemType.CONFLICT, "Key version " + version + " is current; rotate first");
        }
        if (running().isPresent()) {
            throw new ProblemException(ProblemType.CONFLICT, "A key rotation is running; retire after it completes");
        }
        long using = valuesUsing(version);
        if (using > 0) {
            throw new ProblemException(ProblemType.CONFLICT, using + " stored values still use key version " + version);
        }
        keyring.retire(version);
        audit.record(AuditAction.KEY_RETIRE, AuditTrail.Target.of("key", Integer.toString(version)), Outcome.ALLOWED,
                null, null);
    }
}
