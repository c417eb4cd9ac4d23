package edu.ucla.dgsom.escrow.credentials.control;

import edu.ucla.dgsom.escrow.crypto.control.Totp;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The current one-time code of an account, how many seconds it stays valid, and the code of the next time step (so
 * that a person typing it late can take the next one instead of waiting). Never the seed.
 */
@Schema(name = "TotpCode")
public record TotpCode(String code, int secondsLeft, int digits, int period, int version, String nextCode) {

    /** Never prints the secret it carries, should anything log it. */
    @Override
    public String toString() {
        return "TotpCode[redacted]";
    }

    /** The code of {@code settings} at {@code now}, from version {@code version} of the credential set. */
    static TotpCode at(TotpSettings settings, Instant now, int version) {
        long step = Totp.step(now, settings.period());
        String code = Totp.code(settings.seed(), step, settings.algorithm(), settings.digits());
        String next = Totp.code(settings.seed(), step + 1, settings.algorithm(), settings.digits());
        int secondsLeft = settings.period() - (int) Math.floorMod(now.getEpochSecond(), settings.period());
        return new TotpCode(code, secondsLeft, settings.digits(), settings.period(), version, next);
    }
}
