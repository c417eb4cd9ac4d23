package edu.ucla.dgsom.escrow.offboarding.boundary;

import edu.ucla.dgsom.escrow.offboarding.entity.OffboardingCase;
import edu.ucla.dgsom.escrow.offboarding.entity.OffboardingItem;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An offboarding case with every item and its state; {@code departmentId} is the leaver's when it was requested. */
public record OffboardingView(String id, String personId, String employeeId, String departmentId, String successorId,
        String hrReference, Instant effectiveAt, String state, String requestedBy, Instant requestedAt,
        Instant executedAt, Instant completedAt, List<Item> items) {

    /** One step taken or awaited; {@code accountName} is the account's display name, for people to read. */
    public record Item(String id, String kind, String state, String accountId, String accountName,
            String departmentId, String fromPerson, String toPerson, String detail, Instant dueAt, Instant resolvedAt,
            String resolvedBy) {

        static Item of(OffboardingItem item, String accountName) {
            return new Item(item.id(), item.kind().name(), item.state().name(), item.accountId(), accountName,
                    item.departmentId(), item.fromPerson(), item.toPerson(), item.detail(), item.dueAt(),
                    item.resolvedAt(), item.resolvedBy());
        }
    }

    /** The case with {@code items}, their accounts named by {@code accountNames} (account id to display name). */
    public static OffboardingView of(OffboardingCase offboarding, List<OffboardingItem> items,
            Map<String, String> accountNames) {
        return new OffboardingView(offboarding.id(), offboarding.personId(), offboarding.employeeId(),
                offboarding.departmentId(), offboarding.successorId(), offboarding.hrReference(),
                offboarding.effectiveAt(), offboarding.state().name(), offboarding.requestedBy(),
                offboarding.requestedAt(), offboarding.executedAt(), offboarding.completedAt(),
                items.stream().map(i -> Item.of(i, accountNames.get(i.accountId()))).toList());
    }
}
