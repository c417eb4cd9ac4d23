package edu.ucla.dgsom.escrow.access.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    private static final Duration LOCK = Duration.ofMinutes(15);

    @Test
    void the_fifth_failure_locks_and_the_remaining_lock_time_is_what_retry_after_says() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        SignInThrottle throttle = new SignInThrottle("user:x", now);
        for (int i = 0; i < 4; i++) {
            assertFalse(throttle.failed(now, 5, LOCK));
        }
        assertEquals(Duration.ZERO, throttle.lockRemaining(now));
        assertTrue(throttle.failed(now, 5, LOCK));
        assertEquals(Duration.ofMinutes(5), throttle.lockRemaining(now.plus(Duration.ofMinutes(10))));
        assertEquals(Duration.ZERO, throttle.lockRemaining(now.plus(LOCK)), "the lock lifts");
    }

    @Test
    void failures_older_than_the_lock_duration_are_forgotten() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        SignInThrottle throttle = new SignInThrottle("address:x", now);
        for (int i = 0; i < 4; i++) {
            throttle.failed(now, 5, LOCK);
        }
        assertFalse(throttle.failed(now.plus(LOCK).plusSeconds(1), 5, LOCK));
        assertEquals(1, throttle.failures());
    }
}
