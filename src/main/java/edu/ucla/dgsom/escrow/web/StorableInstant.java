package edu.ucla.dgsom.escrow.web;

import java.time.Instant;

/**
 * The instants a request may name: those the database's DATETIME columns hold (years 1970 to 9999), so that a year
 * such as +999999999, which ISO-8601 parsing accepts, is refused as input rather than failing when stored or queried.
 */
public final class StorableInstant {

    private static final Instant EARLIEST = Instant.EPOCH;
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private StorableInstant() {
    }

    public static boolean storable(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }
}
