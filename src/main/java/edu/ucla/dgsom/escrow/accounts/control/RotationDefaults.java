package edu.ucla.dgsom.escrow.accounts.control;

import edu.ucla.dgsom.escrow.accounts.entity.Platform;
import edu.ucla.dgsom.escrow.accounts.entity.RotationInterval;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Applies the configured default intervals at startup: an account without its own interval is due its platform's
 * (or the global) interval after its last rotation, whatever the defaults were when it was rotated. One conditional
 * update per platform, the same on every instance, so instances starting together do no harm.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
public class RotationDefaults {

    private static final Logger LOG = Logger.getLogger(RotationDefaults.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    RotationSettings settings;

    @PostConstruct
    void apply() {
        int moved = 0;
        for (Map.Entry<Platform, RotationInterval> platform : settings.intervals().entrySet()) {
            int days = platform.getValue().days();
            moved += em.createNativeQuery("UPDATE official_account SET next_rotation_due_at = last_rotated_at"
                    + " + INTERVAL ? DAY WHERE platform = ? AND rotation_interval_days IS NULL"
                    + " AND last_rotated_at IS NOT NULL AND NOT (next_rotation_due_at <=> last_rotated_at"
                    + " + INTERVAL ? DAY)").setParameter(1, days).setParameter(2, platform.getKey().name())
                    .setParameter(3, days).executeUpdate();
        }
        int total = moved;
        if (total > 0) {
            LOG.info(() -> "Rotation due dates of " + total + " accounts follow the configured default intervals");
        }
    }
}
