package edu.ucla.dgsom.escrow.keys.boundary;

import edu.ucla.dgsom.escrow.keys.entity.KeyRotation;
import java.time.Instant;

/** A rotation's progress: {@code remaining} values are still wrapped by an older key. */
public record RotationView(String id, int targetVersion, String state, long rewrapped, long remaining, String reason,
        String requestedBy, Instant startedAt, Instant finishedAt) {

    static RotationView of(KeyRotation rotation, long remaining) {
        return new RotationView(rotation.id(), rotation.targetVersion(), rotation.state().name(), rotation.rewrapped(),
                remaining, rotation.reason(), rotation.requestedBy(), rotation.startedAt(), rotation.finishedAt());
    }
}
