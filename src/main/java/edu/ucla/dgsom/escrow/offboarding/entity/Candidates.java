package edu.ucla.dgsom.escrow.offboarding.entity;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who can step in on a leaver's accounts (docs/offboarding.md): the named successor, the accounts' other holders, the
 * departments' other owners (longest-standing first), then DGIT admins; only people who are eligible (active and not
 * being offboarded themselves, as the caller found under their row locks) are chosen.
 */
public final class Candidates {

    private final String successor;
    private final Set<String> eligible;
    private final Map<String, List<String>> owners;
    private final List<String> admins;

    /**
     * @param successor the successor HR named, or null
     * @param owners each department's owners, longest-standing first
     * @param admins DGIT's admins, longest-standing first
     */
    public Candidates(String successor, Set<String> eligible, Map<String, List<String>> owners, List<String> admins) {
        this.successor = successor != null && eligible.contains(successor) ? successor : null;
        this.eligible = Set.copyOf(eligible);
        this.owners = owners.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().stream().filter(eligible::contains).distinct().toList()));
        this.admins = admins.stream().filter(eligible::contains).distinct().toList();
    }

    /** The holders of an account of {@code departmentId} once {@code leaver} goes; empty if nobody can take it. */
    public Optional<Holders> holdersAfter(Holders current, String leaver, String departmentId) {
        String other = leaver.equals(current.contentOwner()) ? current.backupModerator() : current.contentOwner();
        return current.after(leaver, successor, eligible.contains(other),
                person -> stewardOtherThan(departmentId, person));
    }

    /** Why {@code person} was chosen as a new holder of an account that {@code before} held. */
    public String whyChosen(String person, Holders before) {
        if (person.equals(before.backupModerator())) {
            return "backup moderator promoted";
        }
        return person.equals(successor) ? "named successor" : admins.contains(person)
                && owners.values().stream().noneMatch(o -> o.contains(person)) ? "DGIT admin (last resort)"
                : "department owner";
    }

    /** The department's first eligible owner other than {@code other}, else the first such DGIT admin; or null. */
    private String stewardOtherThan(String departmentId, String other) {
        return owners.getOrDefault(departmentId, List.of()).stream().filter(c -> !c.equals(other)).findFirst()
                .orElseGet(() -> admins.stream().filter(a -> !a.equals(other)).findFirst().orElse(null));
    }
}
