package edu.ucla.dgsom.escrow.policy.control;

import edu.ucla.dgsom.escrow.accounts.control.ComplianceFacts;
import edu.ucla.dgsom.escrow.audit.control.AuditAction;
import edu.ucla.dgsom.escrow.audit.control.AuditTrail;
import edu.ucla.dgsom.escrow.audit.control.Outcome;
import edu.ucla.dgsom.escrow.policy.entity.Attestation;
import edu.ucla.dgsom.escrow.policy.entity.AttestationPeriod;
import edu.ucla.dgsom.escrow.policy.entity.ComplianceReport;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import edu.ucla.dgsom.escrow.security.Caller;
import edu.ucla.dgsom.escrow.security.Role;
import edu.ucla.dgsom.escrow.security.Secrets;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The periodic attestations of the compliance report (docs/policy.md): each period, each department with accounts
 * has one, opened silently by whichever instance gets there first; one of the department's owners attests the report
 * they read, and the audit trail's signed chain keeps who attested which digest, when.
 */
@Stateless
public class Attestations {

    @PersistenceContext
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    ComplianceReports reports;

    @Inject
    ComplianceFacts facts;

    @Inject
    @ConfigProperty(name = "escrow.attestation.months", defaultValue = "3")
    int months;

    @Inject
    @ConfigProperty(name = "escrow.policy.zone", defaultValue = "America/Los_Angeles")
    ZoneId zone;

    /**
     * Opens the period containing {@code now} for every department with accounts that has no attestation for it yet:
     * the unique key (department, period) makes this safe on every instance at once. Sends no mail. How many opened.
     */
    public int openPeriod(Instant now) {
        AttestationPeriod period = AttestationPeriod.containing(now, months, zone);
        int opened = 0;
        for (String departmentId : facts.departmentsWithAccounts()) {
            Attestation open = new Attestation(UUID.randomUUID().toString(), departmentId, period, now);
            int inserted = em.createNativeQuery("INSERT IGNORE INTO attestation (id, department_id, period_id,"
                    + " period_start, period_end, opened_at, state) VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .setParameter(1, open.id()).setParameter(2, departmentId).setParameter(3, period.id())
                    .setParameter(4, period.start()).setParameter(5, period.end()).setParameter(6, open.openedAt())
                    .setParameter(7, open.state().name()).executeUpdate();
            if (inserted == 1) {
                audit.record("SYSTEM", null, "attestation periods", AuditAction.ATTESTATION_OPEN, target(open),
                        Outcome.ALLOWED, null, Map.of("period", period.id()));
                opened++;
            }
        }
        return opened;
    }

    /** An attestation the caller may read: DGIT admins and auditors any, department owners their departments'. */
    public Attestation find(String id) {
        return visible(id, AuditAction.COMPLIANCE_REPORT);
    }

    /** The attestation if the caller may read it; else 404, audited as a refusal of {@code action}. */
    private Attestation visible(String id, AuditAction action) {
        Attestation attestation = em.find(Attestation.class, id);
        if (attestation == null || !reads(attestation.departmentId())) {
            throw audit.refuse(action, AuditTrail.Target.of("attestation", id), null, "not visible to the caller",
                    ProblemException.notFound("Attestation " + id));
        }
        return attestation;
    }

    /** The attestations the caller may read that match the filter, newest period first. */
    public List<Attestation> list(String departmentId, String periodId, Attestation.State state) {
        return em.createNamedQuery(Attestation.ALL, Attestation.class).getResultStream()
                .filter(a -> reads(a.departmentId()))
                .filter(a -> departmentId == null || a.departmentId().equalsIgnoreCase(departmentId))
                .filter(a -> periodId == null || a.periodId().equals(periodId))
                .filter(a -> state == null || a.state() == state).toList();
    }

    /**
     * One of the department's owners attests the report they read (its digest): the report is computed again and
     * must be the same, and its bytes are kept. The audit entry carries the digests into the signed chain.
     */
    public Attestation sign(String id, String digestRead, Attestation.Verdict verdict, String corrections) {
        Attestation attestation = visible(id, AuditAction.ATTESTATION_SIGN);
        em.lock(attestation, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(attestation);
        AuditTrail.Target target = target(attestation);
        if (!caller.isPerson() || !caller.ownsDepartment(attestation.departmentId())) {
            throw audit.refuse(AuditAction.ATTESTATION_SIGN, target, null, "not an owner of the department",
                    new ProblemException(ProblemType.FORBIDDEN, "Only an owner of the department attests its report"));
        }
        ComplianceReport report = reports.of(attestation.departmentId());
        byte[] csv = report.csv();
        audit.attempt(AuditAction.ATTESTATION_SIGN, target, null, () -> {
            attestation.attest(caller.id(), digestRead, verdict, corrections, csv, Secrets.sha256Hex(csv),
                    Instant.now());
            return attestation;
        });
        audit.record(AuditAction.ATTESTATION_SIGN, target, Outcome.ALLOWED, null, Map.of("attestation",
                attestation.id(), "period", attestation.periodId(), "verdict", attestation.verdict().name(),
                "reportDigest", attestation.reportDigest(), "correctionsDigest", Secrets.sha256Hex(
                        attestation.corrections() == null ? "" : attestation.corrections())));
        return attestation;
    }

    /** The exact CSV attested; 404 before anyone attested. */
    public byte[] report(String id) {
        return find(id).reportCsv().orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "Attestation " + id
                + " is not attested yet: its report is kept when it is (read the current one at"
                + " /compliance/report)"));
    }

    private boolean reads(String departmentId) {
        return caller.has(Role.DGIT_ADMIN) || caller.has(Role.AUDITOR) || caller.ownsDepartment(departmentId);
    }

    private static AuditTrail.Target target(Attestation attestation) {
        return new AuditTrail.Target("attestation", attestation.id(), attestation.departmentId());
    }
}
