package edu.ucla.dgsom.escrow.policy.boundary;

import edu.ucla.dgsom.escrow.accounts.entity.AccountFacts;
import edu.ucla.dgsom.escrow.policy.entity.ComplianceReport;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compliance report as JSON: the school's ({@code departmentId} absent) or one department's, a row of checks per
 * account, the count of each result per check, the departments without an active supervisor, and the SHA-256 of the
 * report's canonical CSV ({@code digest}), which is what an attestation names.
 */
public record ComplianceReportView(String departmentId, Instant generatedAt, String policyVersion, String digest,
        List<Row> rows, Map<String, Map<String, Integer>> summary, List<String> departmentsWithoutSupervisor) {

    /** One account: what identifies it, and each check's result and finding by the check's name. */
    public record Row(String accountId, String departmentId, String platform, String handle, String displayName,
            String status, Map<String, Check> checks) {
    }

    /** PASS, FAIL, PENDING or UNKNOWN, and why in words. */
    public record Check(String result, String finding) {
    }

    static ComplianceReportView of(String departmentId, ComplianceReport report, String policyVersion) {
        List<Row> rows = report.rows().stream().map(row -> {
            AccountFacts account = row.account();
            Map<String, Check> checks = new LinkedHashMap<>();
            row.findings().forEach((check, finding) -> checks.put(check.key(),
                    new Check(finding.result().name(), finding.text())));
            return new Row(account.id(), account.departmentId(), account.platform(), account.handle(),
                    account.displayName(), account.status().name(), checks);
        }).toList();
        Map<String, Map<String, Integer>> summary = new LinkedHashMap<>();
        report.summary().forEach((check, counts) -> {
            Map<String, Integer> named = new LinkedHashMap<>();
            counts.forEach((result, count) -> named.put(result.name(), count));
            summary.put(check, named);
        });
        return new ComplianceReportView(departmentId, Instant.now(), policyVersion, report.digest(), rows, summary,
                List.copyOf(report.departmentsWithoutSupervisor()));
    }
}
