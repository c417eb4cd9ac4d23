package edu.ucla.dgsom.escrow.policy.entity;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A period of attestation: {@code months} long (a divisor of 12), anchored on the calendar in the school's zone, so
 * with 3 months the quarters start on 1 January, April, July and October at midnight. Its id names its first day and
 * its length, e.g. {@code 2026-10-01/P3M}.
 */
public record AttestationPeriod(String id, Instant start, Instant end) {

    /** The period of {@code months} that contains {@code at} in {@code zone}. */
    public static AttestationPeriod containing(Instant at, int months, ZoneId zone) {
        if (months < 1 || 12 % months != 0) {
            throw new IllegalArgumentException("an attestation period is a divisor of 12 months, not " + months);
        }
        YearMonth month = YearMonth.from(at.atZone(zone));
        YearMonth first = month.withMonth((month.getMonthValue() - 1) / months * months + 1);
        ZonedDateTime start = first.atDay(1).atStartOfDay(zone);
        return new AttestationPeriod(first.atDay(1) + "/P" + months + "M", start.toInstant(),
                start.plusMonths(months).toInstant());
    }
}
