package edu.ucla.dgsom.escrow.exports.control;

import edu.ucla.dgsom.escrow.access.control.Departments;
import edu.ucla.dgsom.escrow.access.control.People;
import edu.ucla.dgsom.escrow.access.control.PersonDetails;
import edu.ucla.dgsom.escrow.access.control.RestoredIds;
import edu.ucla.dgsom.escrow.accounts.control.AccountRef;
import edu.ucla.dgsom.escrow.accounts.control.RegisteredAccount;
import edu.ucla.dgsom.escrow.accounts.control.Registry;
import edu.ucla.dgsom.escrow.audit.control.AuditAction;
import edu.ucla.dgsom.escrow.audit.control.AuditTrail;
import edu.ucla.dgsom.escrow.audit.control.Outcome;
import edu.ucla.dgsom.escrow.credentials.control.Credentials;
import edu.ucla.dgsom.escrow.installation.control.InstallationRegistry;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Restores the decrypted JSON of a disaster-recovery export into an empty installation (docs/operations.md, "DR
 * drill"), in one transaction: the file's departments and people (matched to existing ones by code, by id or
 * employee id, else created under the file's ids), every account under its own id with its holders and status, and
 * every credential version under its own number, sealed under this installation's barrier by the credentials
 * feature. Audited once with the counts and the file's SHA-256; a refusal is audited too, and nothing is kept.
 */
@Stateless
public class DisasterRecoveryRestores {

    @Inject
    AuditTrail audit;

    @Inject
    InstallationRegistry installation;

    @Inject
    Departments departments;

    @Inject
    People people;

    @Inject
    Registry registry;

    @Inject
    Credentials credentials;

    /** What was restored, for the answer and the audit entry. */
    public record Restored(String sha256, int departmentsCreated, int departmentsMatched, int peopleCreated,
            int peopleMatched, int accounts, int credentialVersions) {
    }

    public Restored restore(byte[] document, String reason) {
        AuditTrail.Target target = AuditTrail.Target.of("installation", installation.id());
        String sha256 = DisasterRecoveryExports.sha256(document);
        installation.lock();
        if (!registry.isEmpty()) {
            throw audit.fail(AuditAction.DISASTER_RECOVERY_RESTORE, target, reason, "the installation has accounts",
                    new ProblemException(ProblemType.CONFLICT, "This installation has official accounts already: a"
                            + " disaster-recovery file is restored only into an empty installation"));
        }
        try {
            RecoveryFile file = RecoveryFile.read(document);
            RestoredIds departmentIds = departments.restore(file.departments(), "departments");
            RestoredIds personIds = people.restore(file.people(), departmentIds, "people");
            for (int i = 0; i < file.accounts().size(); i++) {
                RecoveryFile.Account account = file.accounts().get(i);
                String at = "accounts[" + i + "]";
                AccountRef restored = registry.restore(resolved(account.registered(), departmentIds, personIds, at),
                        at);
                credentials.restore(restored, account.credentials(), reason, at + ".credentials");
            }
            Restored restored = new Restored(sha256, departmentIds.created(), departmentIds.matched(),
                    personIds.created(), personIds.matched(), file.accounts().size(), file.credentialVersions());
            audit.record(AuditAction.DISASTER_RECOVERY_RESTORE, target, Outcome.ALLOWED, reason, details(restored,
                    file.installationId()));
            return restored;
        } catch (ProblemException refused) {
            String where = refused.errors().isEmpty() ? "document" : refused.errors().get(0).field();
            throw audit.fail(AuditAction.DISASTER_RECOVERY_RESTORE, target, reason, "refused at " + where
                    + " (sha256 " + sha256 + ")", refused);
        }
    }

    /**
     * The account with this installation's ids of its department and holders: those the file names, else existing
     * ones; any other is refused (422).
     */
    private RegisteredAccount resolved(RegisteredAccount a, RestoredIds departmentIds, RestoredIds personIds,
            String at) {
        String departmentId = resolve(departmentIds, a.departmentId(), departments::id, at + ".departmentId",
                "no such department in the file or the installation");
        Function<String, Optional<String>> person = id -> people.find(id).map(PersonDetails::id);
        String owner = resolve(personIds, a.contentOwnerId(), person, at + ".contentOwnerId",
                "no such person in the file or the installation");
        String moderator = resolve(personIds, a.backupModeratorId(), person, at + ".backupModeratorId",
                "no such person in the file or the installation");
        return new RegisteredAccount(a.id(), a.platform(), a.platformName(), a.handle(), a.profileUrl(),
                a.displayName(), departmentId, a.status(), a.statusReason(), a.statusChangedAt(), owner, moderator,
                a.notes(), a.credentialVersion(), a.credentialFields(), a.approvedAt(), a.createdAt(), a.updatedAt());
    }

    private static String resolve(RestoredIds restored, String id, Function<String, Optional<String>> existing,
            String field, String missing) {
        return restored.of(id).or(() -> existing.apply(id))
                .orElseThrow(() -> RestoredIds.inconsistent(field, missing));
    }

    private static Map<String, String> details(Restored restored, String fromInstallation) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("fromInstallation", String.valueOf(fromInstallation));
        details.put("departmentsCreated", Integer.toString(restored.departmentsCreated()));
        details.put("departmentsMatched", Integer.toString(restored.departmentsMatched()));
        details.put("peopleCreated", Integer.toString(restored.peopleCreated()));
        details.put("peopleMatched", Integer.toString(restored.peopleMatched()));
        details.put("accounts", Integer.toString(restored.accounts()));
        details.put("credentialVersions", Integer.toString(restored.credentialVersions()));
        details.put("sha256", restored.sha256());
        return details;
    }
}
