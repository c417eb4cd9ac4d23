package edu.ucla.dgsom.escrow.imports.entity;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What an import will do, entry by entry, under a mapping: the rules of docs/migration.md, in the order they are
 * applied. It reads nothing and stores nothing: the registry's answers come in as functions.
 */
public record ImportPlan(List<PlannedEntry> entries) {

    public ImportPlan {
        entries = List.copyOf(entries);
    }

    /**
     * The plan for {@code imported} under {@code mapping}, for a caller who may import into the departments
     * {@code mayImportTo} accepts; {@code registered} finds an account by its identity key.
     */
    public static ImportPlan of(List<ImportedEntry> imported, ImportMapping mapping, Predicate<String> mayImportTo,
            Function<String, Optional<ExistingAccount>> registered) {
        List<PlannedEntry> planned = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < imported.size(); i++) {
            planned.add(plan(i + 1, imported.get(i), mapping, mayImportTo, registered, seen));
        }
        return new ImportPlan(planned);
    }

    private static PlannedEntry plan(int number, ImportedEntry entry, ImportMapping mapping,
            Predicate<String> mayImportTo, Function<String, Optional<ExistingAccount>> registered,
            Map<String, Integer> seen) {
        Optional<ProfileAddress> address = ProfileAddress.of(entry.url(), entry.username());
        Draft draft = new Draft(number, entry, address.orElse(null));
        if (entry.kind() != ImportedEntry.Kind.LOGIN) {
            return draft.skip(null, entry.kind() == ImportedEntry.Kind.SECURE_NOTE ? "a secure note, not a login"
                    : "not a login (a card, an identity...)");
        }
        if (mapping.choiceFor(number).skipped()) {
            return draft.skip(null, "left out of the import");
        }
        if (entry.username() == null && entry.password() == null && entry.totp() == null) {
            return draft.skip(null, "no login name, password or TOTP seed to escrow");
        }
        if (address.isEmpty()) {
            return draft.skip(null, "no web address or login name to tell the account by");
        }
        String identity = address.get().identityKey();
        Integer first = seen.putIfAbsent(identity, number);
        if (first != null) {
            return draft.skip(null, "the same account as entry " + first);
        }
        Optional<ExistingAccount> existing = registered.apply(identity);
        if (existing.isPresent()) {
            ExistingAccount account = existing.get();
            return mayImportTo.test(account.departmentId())
                    ? draft.merge(account)
                    : draft.skip(null, "registered already, in a department you do not import into");
        }
        String department = mapping.departmentFor(number, entry.folder());
        if (department == null) {
            return draft.skip(null, "no department: choose one for its folder, or a default");
        }
        if (!mayImportTo.test(department)) {
            return draft.skip(department, "not a department you may import into");
        }
        ImportMapping.Holders holders = mapping.holders().get(department);
        if (holders == null) {
            return draft.skip(department, "name the content owner and backup moderator of the department's new"
                    + " accounts");
        }
        return draft.create(department, holders);
    }

    /** How many entries each action takes. */
    public Map<PlannedEntry.Action, Integer> counts() {
        Map<PlannedEntry.Action, Integer> counts = new EnumMap<>(PlannedEntry.Action.class);
        for (PlannedEntry.Action action : PlannedEntry.Action.values()) {
            counts.put(action, 0);
        }
        entries.forEach(e -> counts.merge(e.action(), 1, Integer::sum));
        return counts;
    }

    /** The folders the entries name, for the mapping (in file order, each once). */
    public List<String> folders() {
        return entries.stream().map(PlannedEntry::folder).filter(f -> f != null).distinct().toList();
    }

    /** An entry's description, before the plan decides what to do with it. */
    private record Draft(int number, ImportedEntry entry, ProfileAddress address) {

        PlannedEntry skip(String department, String why) {
            return planned(department, null, PlannedEntry.Action.SKIP, null, why);
        }

        PlannedEntry merge(ExistingAccount account) {
            return planned(account.departmentId(), null, PlannedEntry.Action.MERGE, account.id(),
                    "registered already: its credentials get a new version");
        }

        PlannedEntry create(String department, ImportMapping.Holders holders) {
            return planned(department, holders, PlannedEntry.Action.CREATE, null, "a new account");
        }

        private PlannedEntry planned(String department, ImportMapping.Holders holders, PlannedEntry.Action action,
                String accountId, String why) {
            return new PlannedEntry(number, entry.position(), entry.title(), entry.folder(), entry.url(),
                    entry.username(), entry.hasPassword(), entry.totp() != null, entry.notes() != null, address,
                    department, holders, action, accountId, why);
        }
    }
}
