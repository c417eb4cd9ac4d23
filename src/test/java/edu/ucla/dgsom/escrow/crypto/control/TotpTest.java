package edu.ucla.dgsom.escrow.crypto.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The test vectors of RFC 6238, appendix B (8 digits, 30 s), for each hash with the RFC's seed of that length. */
class TotpTest {

    private static byte[] seed(Totp.Algorithm algorithm) {
        String base = "12345678901234567890";
        String seed = switch (algorithm) {
            case SHA1 -> base;
            case SHA256 -> base + base.substring(0, 12);
            case SHA512 -> base + base + base + base.substring(0, 4);
        };
        return seed.getBytes(StandardCharsets.US_ASCII);
    }

    @ParameterizedTest
    @CsvSource({
        "59, SHA1, 94287082", "59, SHA256, 46119246", "59, SHA512, 90693936",
        "1111111109, SHA1, 07081804", "1111111109, SHA256, 68084774", "1111111109, SHA512, 25091201",
        "1111111111, SHA1, 14050471", "1111111111, SHA256, 67062674", "1111111111, SHA512, 99943326",
        "1234567890, SHA1, 89005924", "1234567890, SHA256, 91819424", "1234567890, SHA512, 93441116",
        "2000000000, SHA1, 69279037", "2000000000, SHA256, 90698825", "2000000000, SHA512, 38618901",
        "20000000000, SHA1, 65353130", "20000000000, SHA256, 77737706", "20000000000, SHA512, 47863826",
    })
    void matchesTheRfc6238TestVectors(long seconds, Totp.Algorithm algorithm, String expected) {
        long step = Totp.step(Instant.ofEpochSecond(seconds), 30);
        assertEquals(expected, Totp.code(seed(algorithm), step, algorithm, 8));
        assertEquals(expected.substring(2), Totp.code(seed(algorithm), step, algorithm, 6), "6 digits truncate");
    }

    @ParameterizedTest
    @CsvSource({"59, 0", "60, 1", "119, 1", "120, 2"})
    void sixtySecondStepsCountFromTheEpoch(long seconds, long step) {
        assertEquals(step, Totp.step(Instant.ofEpochSecond(seconds), 60));
    }

    @org.junit.jupiter.api.Test
    void base32RoundTripsAndIgnoresCaseSpacesAndPadding() {
        byte[] seed = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
        String encoded = Totp.base32(seed);
        assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", encoded);
        assertArrayEquals(seed, Totp.fromBase32("gezd gnbv gy3t qojq gezd gnbv gy3t qojq===="));
    }
}
