package edu.ucla.dgsom.escrow.credentials.boundary;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The current one-time code of an account and how many seconds it stays valid. Never the seed. */
@Schema(name = "TotpCode")
public record TotpCode(String code, int secondsLeft, int digits, int period, int version) {

    /** Never prints the secret it carries, should anything log it. */
    @Override
    public String toString() {
        return "TotpCode[redacted]";
    }
}
