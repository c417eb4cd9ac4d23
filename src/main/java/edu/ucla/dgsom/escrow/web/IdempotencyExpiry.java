package edu.ucla.dgsom.escrow.web;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Forgets the answers of keyed writes once they are older than {@code escrow.idempotency.keep}, every ten minutes on
 * every instance. Two instances purging at once on two Galera nodes conflict; the loser's rows go at its next run.
 */
@Singleton
public class IdempotencyExpiry {

    private static final Logger LOG = Logger.getLogger(IdempotencyExpiry.class.getName());

    @Inject
    IdempotencyLedger ledger;

    @Schedule(hour = "*", minute = "*/10", persistent = false)
    void purge() {
        try {
            int forgotten;
            do {
                forgotten = ledger.forgetExpired();
            } while (forgotten > 0);
        } catch (RuntimeException e) {
            LOG.log(Level.INFO, "Expired idempotency answers are left for the next run: {0}", e.getClass().getName());
        }
    }
}
