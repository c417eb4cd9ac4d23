package edu.ucla.dgsom.escrow.access.entity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignInDeviceTest {

    @Test
    void a_device_cookie_vouches_only_for_its_own_person_and_only_until_it_expires() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        SignInDevice device = new SignInDevice("hash", "alice", now, Duration.ofDays(90));
        assertTrue(device.vouchesFor("alice", now.plus(Duration.ofDays(89))));
        assertFalse(device.vouchesFor("bob", now), "bound to the person who signed in");
        assertFalse(device.vouchesFor("alice", now.plus(Duration.ofDays(90))), "expired");
    }
}
