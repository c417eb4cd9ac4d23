package edu.ucla.dgsom.escrow.offboarding.control;

import edu.ucla.dgsom.escrow.audit.control.AuditAction;
import edu.ucla.dgsom.escrow.audit.control.AuditTrail;
import edu.ucla.dgsom.escrow.audit.control.Outcome;
import edu.ucla.dgsom.escrow.offboarding.entity.OffboardingCase;
import edu.ucla.dgsom.escrow.offboarding.entity.OffboardingItem;
import edu.ucla.dgsom.escrow.security.Caller;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What one transaction of a case produces: its items, and its audit entries, written together at the end. */
final class Journal {

    private final OffboardingCase offboarding;
    private final List<OffboardingItem> items = new ArrayList<>();
    private final List<AuditTrail.Draft> entries = new ArrayList<>();

    Journal(OffboardingCase offboarding) {
        this.offboarding = offboarding;
    }

    void add(OffboardingItem item) {
        items.add(item);
    }

    void addAll(Collection<OffboardingItem> more) {
        items.addAll(more);
    }

    List<OffboardingItem> items() {
        return items;
    }

    void audit(AuditAction action, AuditTrail.Target target, String reason, Map<String, String> details) {
        entries.add(new AuditTrail.Draft(action, target, Outcome.ALLOWED, reason, details));
    }

    /** An entry whose reason and details name the case. */
    void record(AuditAction action, AuditTrail.Target target, Map<String, String> details) {
        Map<String, String> withCase = new TreeMap<>(details);
        withCase.put("case", offboarding.id());
        audit(action, target, "offboarding " + offboarding.id(), withCase);
    }

    /** As the requesting caller when the case runs in the request, as the scheduler when it runs later. */
    void commit(EntityManager em, AuditTrail audit, Caller caller) {
        items.forEach(em::persist);
        if (caller.authenticated()) {
            audit.recordAll(caller.kind().name(), caller.id(), caller.name(), entries);
        } else {
            audit.recordAll("SYSTEM", null, "offboarding scheduler", entries);
        }
    }
}
