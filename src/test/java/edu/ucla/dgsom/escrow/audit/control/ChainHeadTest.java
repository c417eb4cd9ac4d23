package edu.ucla.dgsom.escrow.audit.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The sealer's rules: sequence numbers without gaps, each hash chained from the one before, checkpoints when due. */
class ChainHeadTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final byte[] HEAD_HASH = new byte[32];
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void entries_take_the_sequence_numbers_after_the_head_without_gaps() {
        ChainHead head = new ChainHead(41, HEAD_HASH, 41, T0);

        head.append(entry(head.nextSeq()));
        head.append(entry(head.nextSeq()));

        assertEquals(43, head.lastSeq());
        assertEquals(2, head.appended());
        assertEquals(42, head.firstAppended());
    }

    @Test
    void each_entry_is_hashed_over_the_hash_before_it() {
        ChainHead head = new ChainHead(0, AuditChain.GENESIS, 0, T0);

        byte[] first = head.append(entry(1));
        byte[] second = head.append(entry(2));

        assertArrayEquals(AuditChain.hash(AuditChain.GENESIS, entry(1)), first);
        assertArrayEquals(AuditChain.hash(first, entry(2)), second);
        assertArrayEquals(second, head.lastHash());
    }

    @Test
    void an_entry_that_does_not_follow_the_head_is_refused() {
        ChainHead head = new ChainHead(5, HEAD_HASH, 5, T0);

        assertThrows(IllegalArgumentException.class, () -> head.append(entry(7)));
        assertThrows(IllegalArgumentException.class, () -> head.append(entry(5)));
        assertEquals(0, head.appended());
    }

    @Test
    void a_checkpoint_is_due_after_enough_entries() {
        ChainHead head = new ChainHead(0, AuditChain.GENESIS, 0, T0);
        head.append(entry(1));
        assertFalse(head.checkpointDue(T0.plusSeconds(1), 2, MINUTE));

        head.append(entry(2));

        assertTrue(head.checkpointDue(T0.plusSeconds(1), 2, MINUTE));
    }

    @Test
    void a_checkpoint_is_due_after_enough_time_once_the_head_moved() {
        ChainHead head = new ChainHead(0, AuditChain.GENESIS, 0, T0);
        head.append(entry(1));

        assertFalse(head.checkpointDue(T0.plusSeconds(59), 1000, MINUTE));
        assertTrue(head.checkpointDue(T0.plusSeconds(60), 1000, MINUTE));
    }

    @Test
    void a_head_that_did_not_move_needs_no_checkpoint_however_long_ago_the_last_was() {
        ChainHead head = new ChainHead(9, HEAD_HASH, 9, T0);

        assertFalse(head.checkpointDue(T0.plus(Duration.ofDays(30)), 1, MINUTE));
    }

    @Test
    void a_signed_checkpoint_moves_the_last_checkpoint_to_the_head() {
        ChainHead head = new ChainHead(0, AuditChain.GENESIS, 0, T0);
        head.append(entry(1));

        head.checkpointed(T0.plusSeconds(5));

        assertEquals(1, head.checkpointSeq());
        assertEquals(T0.plusSeconds(5), head.checkpointAt());
        assertFalse(head.checkpointDue(T0.plusSeconds(3600), 1, MINUTE));
    }

    private static AuditEntry entry(long seq) {
        return new AuditEntry(seq, T0.plusSeconds(seq), "PERSON", "p-" + seq, "someone", null, "SIGN_IN", null, null,
                null, "ALLOWED", null, "127.0.0.1", "r-" + seq, null);
    }
}
