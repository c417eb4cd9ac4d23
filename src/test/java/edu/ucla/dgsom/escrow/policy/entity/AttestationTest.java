package edu.ucla.dgsom.escrow.policy.entity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AttestationTest {

    private static final Instant OPENED = Instant.parse("2026-10-01T07:00:00Z");
    private static final byte[] CSV = "\"accountId\"\r\n".getBytes(StandardCharsets.UTF_8);
    private static final String DIGEST = "a".repeat(64);

    private static Attestation open() {
        return new Attestation("att-1", "dept-1", AttestationPeriod.containing(OPENED, 3,
                ZoneId.of("America/Los_Angeles")), OPENED);
    }

    @Test
    void an_owner_attests_the_report_they_read_and_it_keeps_the_bytes_and_digest() {
        Attestation attestation = open();
        attestation.attest("owner", DIGEST, Attestation.Verdict.CORRECT, null, CSV, DIGEST, OPENED.plusSeconds(60));
        assertEquals(Attestation.State.ATTESTED, attestation.state());
        assertEquals("owner", attestation.attestedBy());
        assertEquals(DIGEST, attestation.reportDigest());
        assertArrayEquals(CSV, attestation.reportCsv().orElseThrow());
        assertNull(attestation.corrections());
    }

    @Test
    void attesting_twice_is_a_conflict_naming_attested() {
        Attestation attestation = open();
        attestation.attest("owner", DIGEST, Attestation.Verdict.CORRECT, null, CSV, DIGEST, OPENED);
        ProblemException twice = assertThrows(ProblemException.class, () -> attestation.attest("owner", DIGEST,
                Attestation.Verdict.CORRECT, null, CSV, DIGEST, OPENED));
        assertEquals(ProblemType.CONFLICT, twice.type());
        assertEquals("ATTESTED", twice.currentState());
    }

    @Test
    void a_report_that_changed_since_it_was_read_is_refused() {
        Attestation attestation = open();
        ProblemException changed = assertThrows(ProblemException.class, () -> attestation.attest("owner",
                "b".repeat(64), Attestation.Verdict.CORRECT, null, CSV, DIGEST, OPENED));
        assertEquals(ProblemType.CONFLICT, changed.type());
        assertTrue(changed.getMessage().contains("changed since you read it"), changed.getMessage());
        assertEquals(Attestation.State.OPEN, attestation.state());
    }

    @Test
    void corrections_are_required_with_corrections_and_only_then() {
        Attestation attestation = open();
        assertEquals(ProblemType.VALIDATION_FAILED, assertThrows(ProblemException.class, () -> attestation.attest(
                "owner", DIGEST, Attestation.Verdict.CORRECTIONS, " ", CSV, DIGEST, OPENED)).type());
        assertEquals(ProblemType.VALIDATION_FAILED, assertThrows(ProblemException.class, () -> attestation.attest(
                "owner", DIGEST, Attestation.Verdict.CORRECT, "the X account is retired", CSV, DIGEST, OPENED))
                .type());
        attestation.attest("owner", DIGEST, Attestation.Verdict.CORRECTIONS, " the X account is retired ", CSV, DIGEST,
                OPENED);
        assertEquals("the X account is retired", attestation.corrections());
    }

    @Test
    void a_missing_attestation_is_reminded_after_seven_days_and_escalated_after_fourteen() {
        Attestation attestation = open();
        assertEquals(Optional.empty(), attestation.reminderDue(OPENED.plus(Duration.ofDays(7)).minusSeconds(1)));
        assertEquals(Optional.of(Attestation.Reminder.REMINDER), attestation.reminderDue(OPENED.plus(
                Duration.ofDays(7))));
        assertFalse(attestation.escalate(OPENED.plus(Duration.ofDays(13))), "not yet");
        assertEquals(Attestation.State.OPEN, attestation.state());
        assertEquals(Optional.of(Attestation.Reminder.ESCALATION), attestation.reminderDue(OPENED.plus(
                Duration.ofDays(14))));
        assertTrue(attestation.escalate(OPENED.plus(Duration.ofDays(14))));
        assertEquals(Attestation.State.ESCALATED, attestation.state());
        assertFalse(attestation.escalate(OPENED.plus(Duration.ofDays(15))), "escalated once");
    }

    @Test
    void an_escalated_attestation_can_still_be_attested_and_then_nothing_is_due() {
        Attestation attestation = open();
        attestation.escalate(OPENED.plus(Duration.ofDays(20)));
        attestation.attest("owner", DIGEST, Attestation.Verdict.CORRECT, null, CSV, DIGEST, OPENED.plus(
                Duration.ofDays(21)));
        assertEquals(Attestation.State.ATTESTED, attestation.state());
        assertEquals(Optional.empty(), attestation.reminderDue(OPENED.plus(Duration.ofDays(30))));
    }
}
