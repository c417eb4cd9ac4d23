package edu.ucla.dgsom.escrow.policy.entity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.ucla.dgsom.escrow.accounts.entity.AccountFacts;
import edu.ucla.dgsom.escrow.accounts.entity.AccountStatus;
import edu.ucla.dgsom.escrow.policy.entity.ComplianceCheck.Result;
import edu.ucla.dgsom.escrow.security.Secrets;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ComplianceReportTest {

    private static AccountFacts named(String id, String displayName) {
        AccountFacts a = ComplianceCheckTest.account();
        return new AccountFacts(id, a.departmentId(), a.platform(), a.handle(), displayName, a.status(),
                a.approvedAt(), null, a.contentOwnerId(), a.backupModeratorId(), a.credentialVersion(),
                a.credentialFields(), a.totpSeedEscrowed(), a.platformMfa(), a.recoveryEmailInstitutional(),
                a.recoveryPhoneInstitutional(), a.recoveryRulesDigest(), a.rotationDueAt());
    }

    private static ComplianceReport report(AccountFacts... accounts) {
        return ComplianceReport.of(List.of(accounts), ComplianceCheckTest.compliantSchool(), new TreeSet<>());
    }

    @Test
    void the_csv_is_canonical_rows_by_account_id_crlf_and_the_same_facts_give_the_same_digest() {
        ComplianceReport one = report(named("acct-2", "B"), named("acct-1", "A"));
        ComplianceReport other = report(named("acct-1", "A"), named("acct-2", "B"));
        assertArrayEquals(one.csv(), other.csv());
        assertEquals(one.digest(), other.digest());
        assertEquals(Secrets.sha256Hex(one.csv()), one.digest());
        String[] lines = new String(one.csv(), StandardCharsets.UTF_8).split("\r\n", -1);
        assertEquals(4, lines.length, "header, two rows and the empty rest after the last CRLF");
        assertTrue(lines[0].startsWith("\"accountId\",\"departmentId\",\"platform\",\"handle\",\"displayName\","
                + "\"status\",\"approved\",\"approvedFinding\",\"contentOwner\""), lines[0]);
        assertTrue(lines[1].startsWith("\"acct-1\""));
        assertTrue(lines[2].startsWith("\"acct-2\""));
    }

    @Test
    void a_cell_that_would_be_a_formula_is_neutralised() {
        String csv = new String(report(named("acct-1", "=HYPERLINK(\"http://evil\")")).csv(), StandardCharsets.UTF_8);
        assertTrue(csv.contains("\"'=HYPERLINK(\"\"http://evil\"\")\""), csv);
    }

    @Test
    void the_summary_counts_each_result_of_each_check_with_zeros() {
        AccountFacts suspended = ComplianceCheckTest.with(named("acct-3", "C"), AccountStatus.SUSPENDED,
                ComplianceCheckTest.account().approvedAt(), 1, ComplianceCheckTest.account().credentialFields(), true,
                ComplianceCheckTest.account().platformMfa(), true, true, ComplianceCheckTest.RULES, null);
        Map<String, Map<Result, Integer>> summary = report(named("acct-1", "A"), suspended).summary();
        assertEquals(Map.of(Result.PASS, 1, Result.FAIL, 1, Result.PENDING, 0, Result.UNKNOWN, 0),
                summary.get("notSuspended"));
        assertEquals(Map.of(Result.PASS, 2, Result.FAIL, 0, Result.PENDING, 0, Result.UNKNOWN, 0),
                summary.get("dgitCanReveal"));
        assertEquals(ComplianceCheck.values().length, summary.size());
    }
}
