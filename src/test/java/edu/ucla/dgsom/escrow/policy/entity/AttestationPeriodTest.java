package edu.ucla.dgsom.escrow.policy.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class AttestationPeriodTest {

    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

    @Test
    void quarters_start_on_the_calendar_in_the_schools_zone() {
        AttestationPeriod q4 = AttestationPeriod.containing(Instant.parse("2026-12-03T17:00:00Z"), 3, LOS_ANGELES);
        assertEquals(new AttestationPeriod("2026-10-01/P3M", Instant.parse("2026-10-01T07:00:00Z"),
                Instant.parse("2027-01-01T08:00:00Z")), q4);
    }

    @Test
    void the_zone_decides_near_midnight() {
        // 05:00 UTC on 1 October is still 30 September in Los Angeles: the third quarter.
        assertEquals("2026-07-01/P3M", AttestationPeriod.containing(Instant.parse("2026-10-01T05:00:00Z"), 3,
                LOS_ANGELES).id());
        assertEquals("2026-10-01/P3M", AttestationPeriod.containing(Instant.parse("2026-10-01T05:00:00Z"), 3,
                ZoneId.of("UTC")).id());
    }

    @Test
    void other_divisors_of_twelve_anchor_the_same_way_and_others_are_refused() {
        assertEquals("2026-12-01/P1M", AttestationPeriod.containing(Instant.parse("2026-12-03T17:00:00Z"), 1,
                LOS_ANGELES).id());
        assertEquals("2026-07-01/P6M", AttestationPeriod.containing(Instant.parse("2026-12-03T17:00:00Z"), 6,
                LOS_ANGELES).id());
        assertEquals("2026-01-01/P12M", AttestationPeriod.containing(Instant.parse("2026-12-03T17:00:00Z"), 12,
                LOS_ANGELES).id());
        assertThrows(IllegalArgumentException.class, () -> AttestationPeriod.containing(Instant.now(), 5,
                LOS_ANGELES));
        assertThrows(IllegalArgumentException.class, () -> AttestationPeriod.containing(Instant.now(), 0,
                LOS_ANGELES));
    }
}
