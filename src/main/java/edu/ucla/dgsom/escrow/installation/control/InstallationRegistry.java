package edu.ucla.dgsom.escrow.installation.control;

import edu.ucla.dgsom.escrow.installation.entity.Installation;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

/** Reads the installation row. */
@Stateless
public class InstallationRegistry {

    @PersistenceContext
    EntityManager em;

    /** The random id this installation was given at its first start, as audit checkpoints name it. */
    public String id() {
        return current().id();
    }

    /**
     * Locks the installation row until the caller's transaction ends, on every instance sharing the database: changes
     * to the whole installation (a restore) run one at a time, and the second finds what the first did.
     */
    public void lock() {
        em.createNamedQuery(Installation.FIND, Installation.class).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getSingleResult();
    }

    public Installation current() {
        return em.createNamedQuery(Installation.FIND, Installation.class).getSingleResult();
    }
}
