package edu.ucla.dgsom.escrow.access.control;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Creates a missing throttle row in a transaction of its own. Inserting it inside the attempt's transaction let
 * concurrent first attempts on one key deadlock in InnoDB (their insert-intention and gap locks wait on each other
 * until the attempt ends), a 500 under a burst of sign-ins; committed at once, the row is only ever locked as a record.
 */
@Stateless
public class ThrottleRows {

    @PersistenceContext
    EntityManager em;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void ensure(String key) {
        em.createNativeQuery("INSERT IGNORE INTO sign_in_throttle (throttle_key, failures, last_failure)"
                + " VALUES (?, 0, UTC_TIMESTAMP(6))").setParameter(1, key).executeUpdate();
    }
}
