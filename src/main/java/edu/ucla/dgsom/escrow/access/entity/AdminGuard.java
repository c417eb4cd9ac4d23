package edu.ucla.dgsom.escrow.access.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Collection;

/**
 * The single row that every removal of a DGIT admin locks, and the rule it guards: DGIT keeps an active admin, and
 * the last active admin with MFA is not removed. Locking one fixed row (no table lock, no gap lock) serializes the
 * removals; writing it makes two removals on different Galera nodes conflict at certification.
 */
@Entity
@Table(name = "admin_guard")
public class AdminGuard {

    public static final int ID = 1;

    /** One DGIT admin as the rule sees them. */
    public record Admin(String personId, boolean active, boolean mfa) {
    }

    @Id
    private int id;

    @Column(nullable = false)
    private long removals;

    protected AdminGuard() {
    }

    /**
     * Whether {@code leaving} may stop being a DGIT admin: another active admin remains, and if {@code leaving} has
     * MFA, another active admin with MFA remains (while no admin has MFA yet, e.g. at installation, the first rule
     * alone applies). Someone who is not an active admin may always go.
     */
    public static boolean allowsRemoval(String leaving, Collection<Admin> admins) {
        boolean leavingWithMfa = false;
        boolean isActiveAdmin = false;
        boolean otherActive = false;
        boolean otherWithMfa = false;
        for (Admin admin : admins) {
            if (!admin.active()) {
                continue;
            }
            if (admin.personId().equals(leaving)) {
                isActiveAdmin = true;
                leavingWithMfa |= admin.mfa();
            } else {
                otherActive = true;
                otherWithMfa |= admin.mfa();
            }
        }
        return !isActiveAdmin || otherActive && (!leavingWithMfa || otherWithMfa);
    }

    /** Counts a removal that passed the rule; the write is what Galera certifies. */
    public void removalAdmitted() {
        removals++;
    }

    public long removals() {
        return removals;
    }
}
