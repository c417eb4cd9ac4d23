package edu.ucla.dgsom.escrow.access.boundary;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The new seed, shown once: as an otpauth URI for a QR code, and as base32 for typing. */
@Schema(name = "MfaEnrolmentView")
public record MfaEnrolmentView(String otpauthUri, String secret, String algorithm, int digits, int period) {

    /** Never prints the secret it carries, should anything log it. */
    @Override
    public String toString() {
        return "MfaEnrolmentView[redacted, algorithm=" + algorithm + ", digits=" + digits + ", period=" + period
                + "]";
    }
}
