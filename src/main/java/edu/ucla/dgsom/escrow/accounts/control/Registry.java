package edu.ucla.dgsom.escrow.accounts.control;

import edu.ucla.dgsom.escrow.accounts.entity.OfficialAccount;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * The whole registry, for the disaster-recovery export (exports feature), which decides who may read it: every
 * account, retired ones too, by id.
 */
@Stateless
public class Registry {

    @PersistenceContext
    EntityManager em;

    public List<RegisteredAccount> everyAccount() {
        return em.createNamedQuery(OfficialAccount.ALL, OfficialAccount.class).getResultStream()
                .map(RegisteredAccount::of).toList();
    }
}
