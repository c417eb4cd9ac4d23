package edu.ucla.dgsom.escrow.audit.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The checkpoint file never lands in whatever directory the server was started from. */
class AuditSealerTest {

    @Test
    void aRelativeOrMissingCheckpointFileRefusesToStart() {
        for (Optional<String> setting : java.util.List.of(Optional.of("audit-checkpoints.jsonl"),
                Optional.of("logs/audit-checkpoints.jsonl"), Optional.of(" "), Optional.<String>empty())) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> AuditSealer.requiredAbsolute(setting));
            assertTrue(refused.getMessage().startsWith("Refusing to start: ESCROW_AUDIT_CHECKPOINT_FILE must name"),
                    refused.getMessage());
        }
    }

    @Test
    void anAbsoluteCheckpointFileIsUsedAsGiven() {
        assertEquals(Path.of("/var/lib/escrow/audit-checkpoints.jsonl"),
                AuditSealer.requiredAbsolute(Optional.of("/var/lib/escrow/audit-checkpoints.jsonl")));
    }
}
