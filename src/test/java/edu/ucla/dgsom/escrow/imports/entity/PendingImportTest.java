package edu.ucla.dgsom.escrow.imports.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import edu.ucla.dgsom.escrow.problems.ProblemException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PendingImportTest {

    private static final Instant UPLOADED = Instant.parse("2026-12-03T10:00:00Z");

    private static PendingImport pending() {
        return PendingImport.uploaded(ImportFormat.LASTPASS_CSV, "ab".repeat(32), 120, 3, ImportMapping.into(null),
                "person:p1", UPLOADED);
    }

    private static Map<PlannedEntry.Action, Integer> counts() {
        return Map.of(PlannedEntry.Action.CREATE, 2, PlannedEntry.Action.MERGE, 0, PlannedEntry.Action.SKIP, 1);
    }

    @Test
    void an_upload_is_committed_once_within_its_hour() {
        PendingImport pending = pending();
        pending.commit(counts(), UPLOADED.plusSeconds(3599));
        assertEquals(PendingImport.State.COMMITTED, pending.state(UPLOADED.plusSeconds(3599)));
        ProblemException again = assertThrows(ProblemException.class, () -> pending.commit(counts(),
                UPLOADED.plusSeconds(3599)));
        assertEquals("COMMITTED", again.currentState());
        assertEquals("CANCELLED", cancelled().currentState());
    }

    private static ProblemException cancelled() {
        PendingImport pending = pending();
        pending.cancel(UPLOADED.plusSeconds(1));
        return assertThrows(ProblemException.class, () -> pending.remap(ImportMapping.into("d"), UPLOADED
                .plusSeconds(2)));
    }

    @Test
    void after_its_hour_an_upload_is_expired_and_only_then_the_sweep_ends_it() {
        PendingImport pending = pending();
        Instant late = UPLOADED.plus(PendingImport.LIFETIME);
        assertEquals(PendingImport.State.EXPIRED, pending.state(late), "expired before the sweep comes");
        assertEquals("EXPIRED", assertThrows(ProblemException.class, () -> pending.commit(counts(), late))
                .currentState());
        assertThrows(ProblemException.class, () -> pending().expire(late.minusSeconds(1)));
        pending.expire(late);
        assertEquals(PendingImport.State.EXPIRED, pending.state(late));
        assertThrows(ProblemException.class, () -> pending.expire(late));
        assertEquals(late, pending.endedAt());
    }

    @Test
    void only_its_uploader_owns_it() {
        assertEquals(true, pending().uploadedBy("person:p1"));
        assertEquals(false, pending().uploadedBy("person:p2"));
    }
}
