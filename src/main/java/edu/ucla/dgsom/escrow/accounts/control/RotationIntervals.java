package edu.ucla.dgsom.escrow.accounts.control;

import edu.ucla.dgsom.escrow.accounts.control.AccountAccess.Capability;
import edu.ucla.dgsom.escrow.accounts.entity.OfficialAccount;
import edu.ucla.dgsom.escrow.accounts.entity.RotationInterval;
import edu.ucla.dgsom.escrow.audit.control.AuditAction;
import edu.ucla.dgsom.escrow.audit.control.AuditTrail;
import edu.ucla.dgsom.escrow.audit.control.Outcome;
import edu.ucla.dgsom.escrow.security.Caller;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * An account's own rotation interval, set or dropped by whoever manages the account (DGIT admins, the department's
 * owners); the due date moves with it, and the change is audited with the interval before and after.
 */
@Stateless
public class RotationIntervals {

    @Inject
    AccountAccess access;

    @Inject
    AuditTrail audit;

    @Inject
    Caller caller;

    @Inject
    RotationSettings settings;

    public OfficialAccount set(AccountId id, int days, String reason) {
        return change(id, reason, (account, fallback) -> account.setRotationInterval(days, fallback,
                caller.auditName(), Instant.now()));
    }

    public OfficialAccount clear(AccountId id) {
        return change(id, null, (account, fallback) -> account.clearRotationInterval(fallback, caller.auditName(),
                Instant.now()));
    }

    /** Loads and locks the account, applies {@code change} (which answers the interval before) and audits it. */
    private OfficialAccount change(AccountId id, String reason,
            BiFunction<OfficialAccount, RotationInterval, RotationInterval> change) {
        OfficialAccount account = access.accountForUpdate(id, Capability.MANAGE, AuditAction.ROTATION_INTERVAL,
                reason);
        RotationInterval fallback = settings.intervalFor(account.platform());
        RotationInterval before = change.apply(account, fallback);
        record(account, before, fallback, reason);
        return account;
    }

    private void record(OfficialAccount account, RotationInterval before, RotationInterval fallback, String reason) {
        RotationInterval after = account.rotation().interval(fallback);
        audit.record(AuditAction.ROTATION_INTERVAL, AccountAccess.target(account), Outcome.ALLOWED,
                AccountAccess.clip(reason), Map.of("old", before.days() + " " + before.source(), "new",
                        after.days() + " " + after.source(), "nextRotationDueAt",
                        Objects.toString(account.rotation().nextDueAt(), "none")));
    }
}
