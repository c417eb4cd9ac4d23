package edu.ucla.dgsom.escrow.access.control;

import edu.ucla.dgsom.escrow.access.entity.RecoveryCode;
import edu.ucla.dgsom.escrow.access.entity.SignIn;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

/** The escrow's own second factor: a TOTP code of the enrolled seed, or one unused recovery code, used up here. */
@ApplicationScoped
public class SecondFactors {

    @PersistenceContext
    EntityManager em;

    @Inject
    TotpCodes totpCodes;

    /** Whether the code matches; a TOTP step or recovery code that matched cannot be used again. */
    public boolean accept(SignIn signIn, String totpCode, String recoveryCode, Instant now) {
        if (!isBlank(totpCode)) {
            return totpCodes.acceptEnrolled(signIn, totpCode, now);
        }
        if (isBlank(recoveryCode)) {
            return false;
        }
        // Every unused code is compared (each in constant time), so the time taken does not tell which one matched.
        RecoveryCode matched = null;
        for (RecoveryCode code : em.createNamedQuery(RecoveryCode.UNUSED, RecoveryCode.class)
                .setParameter("person", signIn.personId()).setParameter("generation", signIn.mfaGeneration())
                .getResultList()) {
            if (code.matches(recoveryCode) && matched == null) {
                matched = code;
            }
        }
        if (matched == null) {
            return false;
        }
        matched.use(now);
        return true;
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
