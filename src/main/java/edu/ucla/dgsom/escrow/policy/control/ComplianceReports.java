package edu.ucla.dgsom.escrow.policy.control;

import edu.ucla.dgsom.escrow.access.control.Departments;
import edu.ucla.dgsom.escrow.access.control.People;
import edu.ucla.dgsom.escrow.access.control.RoleHolders;
import edu.ucla.dgsom.escrow.accounts.control.ComplianceFacts;
import edu.ucla.dgsom.escrow.accounts.entity.AccountFacts;
import edu.ucla.dgsom.escrow.audit.control.AuditAction;
import edu.ucla.dgsom.escrow.audit.control.AuditTrail;
import edu.ucla.dgsom.escrow.policy.entity.ComplianceContext;
import edu.ucla.dgsom.escrow.policy.entity.ComplianceReport;
import edu.ucla.dgsom.escrow.policy.entity.HolderDuty;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.security.Caller;
import edu.ucla.dgsom.escrow.security.Role;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The compliance report (docs/policy.md): DGIT admins and auditors read the school's or one department's, department
 * owners one department they own. The checks are the entities' rules; this class gathers the facts they judge.
 */
@Stateless
public class ComplianceReports {

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    ComplianceFacts facts;

    @Inject
    Duties duties;

    @Inject
    AccountRequests requests;

    @Inject
    People people;

    @Inject
    RoleHolders roleHolders;

    @Inject
    Departments departments;

    /** The report of {@code departmentId} (null: the whole school) if the caller may read it. */
    public ComplianceReport report(String departmentId) {
        AuditTrail.Target target = new AuditTrail.Target("department", departmentId, departmentId);
        boolean readsAll = caller.has(Role.DGIT_ADMIN) || caller.has(Role.AUDITOR);
        if (departmentId == null && !readsAll) {
            throw ProblemException.invalidField("departmentId", "name one of the departments you own");
        }
        if (departmentId != null && (!departments.exists(departmentId)
                || !readsAll && !caller.ownsDepartment(departmentId))) {
            throw audit.refuse(AuditAction.COMPLIANCE_REPORT, target, null, "not an owner of the department",
                    ProblemException.notFound("Department " + departmentId));
        }
        return of(departmentId);
    }

    /** The report of {@code departmentId} (null: the school) as it stands now, whoever asks. */
    public ComplianceReport of(String departmentId) {
        List<AccountFacts> accounts = facts.of(departmentId);
        Set<String> accountIds = accounts.stream().map(AccountFacts::id).collect(Collectors.toSet());
        Set<String> holders = new HashSet<>();
        accounts.forEach(account -> holders.addAll(List.of(account.contentOwnerId(), account.backupModeratorId())));
        Set<String> active = new HashSet<>(holders);
        active.removeAll(people.inactiveAmong(holders));
        Map<String, List<HolderDuty>> open = duties.openOf(accountIds).stream()
                .collect(Collectors.groupingBy(HolderDuty::accountId));
        ComplianceContext school = new ComplianceContext(Instant.now(), duties.acknowledgeWithin(), open, active,
                roleHolders.departmentsOwnedByAPersonWithMfa(), roleHolders.aDgitAdminWithMfa(),
                requests.pendingSince(), facts.recoveryRulesDigest());
        Set<String> reported = new TreeSet<>(accounts.stream().map(AccountFacts::departmentId).toList());
        if (departmentId != null) {
            reported.add(departmentId);
        }
        return ComplianceReport.of(accounts, school, roleHolders.withoutActiveHolder(Role.SUPERVISOR, reported));
    }
}
