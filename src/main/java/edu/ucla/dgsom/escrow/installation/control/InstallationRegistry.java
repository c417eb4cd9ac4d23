package edu.ucla.dgsom.escrow.installation.control;

import edu.ucla.dgsom.escrow.installation.entity.Installation;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
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

    public Installation current() {
        return em.createNamedQuery(Installation.FIND, Installation.class).getSingleResult();
    }
}
