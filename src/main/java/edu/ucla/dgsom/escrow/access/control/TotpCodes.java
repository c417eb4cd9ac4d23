package edu.ucla.dgsom.escrow.access.control;

import edu.ucla.dgsom.escrow.access.entity.SignIn;
import edu.ucla.dgsom.escrow.crypto.control.SealContext;
import edu.ucla.dgsom.escrow.crypto.control.SealedValues;
import edu.ucla.dgsom.escrow.crypto.control.Totp;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Arrays;

/**
 * Checks a person's TOTP codes against their sealed seeds: the enrolled seed (at sign-in, and when a signed-in person
 * proves they still hold it) and a seed awaiting its first code. One step of clock drift either way is allowed.
 */
@Stateless
public class TotpCodes {

    static final int DIGITS = 6;
    static final int PERIOD_SECONDS = 30;

    @Inject
    SealedValues sealedValues;

    /** Where the seed of one MFA generation of a person is sealed. */
    static SealContext seedContext(String personId, int generation) {
        return new SealContext("sign_in", personId, "totp_seed", generation);
    }

    /**
     * Whether {@code code} is a current code of the enrolled seed whose time step was not accepted before; the step
     * is recorded, so the code is accepted once.
     */
    public boolean acceptEnrolled(SignIn signIn, String code, Instant now) {
        long step = matchingStep(signIn.personId(), signIn.mfaGeneration(), code, now);
        return step >= 0 && signIn.acceptTotpStep(step);
    }

    /** The time step {@code code} is current for under the seed awaiting confirmation, or -1 (none, or no match). */
    public long stepOfPending(SignIn signIn, String code, Instant now) {
        return signIn.mfaGenerationToConfirm().stream()
                .mapToLong(generation -> matchingStep(signIn.personId(), generation, code, now)).findFirst()
                .orElse(-1);
    }

    private long matchingStep(String personId, int generation, String code, Instant now) {
        byte[] seed = code == null ? null : sealedValues.open(seedContext(personId, generation)).orElse(null);
        if (seed == null) {
            return -1;
        }
        try {
            return Totp.matchingStep(seed, code.trim(), now, Totp.Algorithm.SHA1, DIGITS, PERIOD_SECONDS);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }
}
