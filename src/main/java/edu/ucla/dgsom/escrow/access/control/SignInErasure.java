package edu.ucla.dgsom.escrow.access.control;

import edu.ucla.dgsom.escrow.access.entity.RecoveryCode;
import edu.ucla.dgsom.escrow.access.entity.SignIn;
import edu.ucla.dgsom.escrow.crypto.control.SealedValues;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

/**
 * Destroys a person's sign-in when they leave: the password hash (with the sign-in row), the sealed TOTP seed of
 * every MFA generation, every recovery code and every device cookie (a browser that vouched for the person before must
 * not spare a later sign-in of theirs the username and address throttles). A person reactivated later cannot sign in with anything they had:
 * a DGIT admin sets up a new sign-in (docs/offboarding.md).
 */
@Stateless
public class SignInErasure {

    @PersistenceContext
    EntityManager em;

    @Inject
    SealedValues sealedValues;

    /** Erases the person's sign-in in the caller's transaction; false if they had none. */
    public boolean erase(String personId) {
        em.createNamedQuery(RecoveryCode.DELETE_OF_PERSON).setParameter("person", personId)
                .executeUpdate();
        em.createQuery("DELETE FROM SignInDevice d WHERE d.personId = :person").setParameter("person", personId)
                .executeUpdate();
        SignIn signIn = em.find(SignIn.class, personId, LockModeType.PESSIMISTIC_WRITE);
        if (signIn == null) {
            return false;
        }
        for (int generation = 1; generation <= signIn.lastMfaGeneration(); generation++) {
            sealedValues.erase(TotpCodes.seedContext(personId, generation));
        }
        em.remove(signIn);
        return true;
    }
}
