package edu.ucla.dgsom.escrow.policy.entity;

import edu.ucla.dgsom.escrow.accounts.entity.AccountFacts;
import edu.ucla.dgsom.escrow.policy.entity.ComplianceCheck.Finding;
import edu.ucla.dgsom.escrow.policy.entity.ComplianceCheck.Result;
import edu.ucla.dgsom.escrow.security.Secrets;
import edu.ucla.dgsom.escrow.web.Csv;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * The compliance report of a department or the school: a row of checks per account (every account but the retired
 * ones), a count per check and result, and the departments without an active supervisor. Its canonical form is the
 * CSV: a header and one row per account in id order, CRLF, UTF-8, formula-neutralised cells, no timestamp, so the
 * same facts give the same bytes and the same SHA-256 ({@link #digest}), which an attestation signs.
 */
public record ComplianceReport(List<Row> rows, SortedSet<String> departmentsWithoutSupervisor) {

    /** One account and the finding of each check. */
    public record Row(AccountFacts account, Map<ComplianceCheck, Finding> findings) {
    }

    private static final List<String> ACCOUNT_COLUMNS = List.of("accountId", "departmentId", "platform", "handle",
            "displayName", "status");

    public ComplianceReport {
        rows = rows.stream().sorted(Comparator.comparing(row -> row.account().id())).toList();
    }

    /** Judges every check on each account, as things stand in {@code school}. */
    public static ComplianceReport of(List<AccountFacts> accounts, ComplianceContext school,
            SortedSet<String> departmentsWithoutSupervisor) {
        List<Row> rows = new ArrayList<>();
        for (AccountFacts account : accounts) {
            Map<ComplianceCheck, Finding> findings = new EnumMap<>(ComplianceCheck.class);
            for (ComplianceCheck check : ComplianceCheck.values()) {
                findings.put(check, check.judge(account, school));
            }
            rows.add(new Row(account, findings));
        }
        return new ComplianceReport(rows, departmentsWithoutSupervisor);
    }

    /** How many accounts each check found in each result, every result named (zero included). */
    public Map<String, Map<Result, Integer>> summary() {
        Map<String, Map<Result, Integer>> summary = new LinkedHashMap<>();
        for (ComplianceCheck check : ComplianceCheck.values()) {
            Map<Result, Integer> counts = new EnumMap<>(Result.class);
            for (Result result : Result.values()) {
                counts.put(result, 0);
            }
            rows.forEach(row -> counts.merge(row.findings().get(check).result(), 1, Integer::sum));
            summary.put(check.key(), counts);
        }
        return summary;
    }

    /** The canonical CSV: per check a result column and a finding column ({@code <check>Finding}). */
    public byte[] csv() {
        List<String> header = new ArrayList<>(ACCOUNT_COLUMNS);
        for (ComplianceCheck check : ComplianceCheck.values()) {
            header.add(check.key());
            header.add(check.key() + "Finding");
        }
        StringBuilder csv = new StringBuilder(Csv.row(header));
        for (Row row : rows) {
            AccountFacts account = row.account();
            List<String> cells = new ArrayList<>(List.of(account.id(), account.departmentId(), account.platform(),
                    account.handle(), account.displayName(), account.status().name()));
            for (ComplianceCheck check : ComplianceCheck.values()) {
                cells.add(row.findings().get(check).result().name());
                cells.add(row.findings().get(check).text());
            }
            csv.append(Csv.row(cells));
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The SHA-256 of {@link #csv}, in lower-case hex. */
    public String digest() {
        return Secrets.sha256Hex(csv());
    }
}
