package edu.ucla.dgsom.escrow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.ucla.dgsom.escrow.audit.control.AuditChain;
import edu.ucla.dgsom.escrow.audit.control.AuditVerifier;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The last test class of the run (src/test/resources/junit-platform.properties orders classes by {@link Order};
 * unannotated ones run in between): the fresh installation the suite booted, after everything the suite did to it,
 * verifies clean online and offline with the checkpoint file the run wrote, and the run left nothing in the checkout.
 */
@ExtendWith(LiveService.class)
@Order(Integer.MAX_VALUE)
class FreshInstallVerificationIT {

    @Test
    void afterTheWholeSuiteTheTrailVerifiesOnlineAndOfflineWithTheRunsCheckpointFile() throws Exception {
        Api.Reply online = Api.admin().post("/api/v1/audit/verifications", "");
        assertEquals(200, online.status(), online::toString);
        JsonObject verdict = online.json();
        assertTrue(verdict.getBoolean("ok"), verdict::toString);
        assertEquals(0, verdict.getJsonArray("warnings").size(), verdict::toString);
        assertTrue(verdict.getInt("checkpoints") > 0, verdict::toString);
        JsonObject last = verdict.getJsonObject("lastCheckpoint");
        assertEquals(AuditChain.keyId(AuditVerifier.publicKey(Api.live().get("/api/v1/keys/audit-public-key")
                .body())), last.getString("keyFingerprint"), "the fingerprint of the key that verifies the trail");
        assertTrue(last.getJsonNumber("seq").longValue() <= verdict.getJsonNumber("toSeq").longValue(),
                verdict::toString);
        assertTrue(last.getString("signedBy").endsWith(Api.live().get("/api/v1/installation").json().getString("id")),
                verdict::toString);
        assertNotNull(Instant.parse(verdict.getString("checkedAt")));

        Path dir = LiveService.testDir();
        Path checkpoints = dir.resolve("audit-checkpoints.jsonl");
        assertTrue(Files.size(checkpoints) > 0, "the run wrote its checkpoint file to " + checkpoints);
        AuditIT.Verifier offline = AuditIT.offlineVerify(AuditIT.downloadExport(dir.resolve("final-export.jsonl")),
                AuditIT.downloadPublicKey(dir.resolve("final-audit-public-key.pem")), checkpoints);
        assertEquals(0, offline.exit(), offline.output());
        assertTrue(offline.output().matches("OK: entries 1 to \\d+ verified \\(\\d+ entries, [1-9]\\d* signed"
                + " checkpoints\\)"), offline.output());
    }

    /**
     * Top-level entries of the checkout that git does not ignore and that appeared or changed during this run: what
     * a server writing to its working directory, or a relative file name, would leave. (Deeper paths are where people
     * edit while the suite runs; they are left out so that the check does not flag their work.)
     */
    @Test
    void theRunWroteNothingIntoTheTopLevelOfTheCheckout() throws Exception {
        Path project = Path.of(System.getProperty("escrow.project.dir"));
        List<String> status = git(project, "status", "--porcelain", "--untracked-files=normal");
        Assumptions.assumeTrue(status != null, "not a git checkout");
        long runStarted = ManagementFactory.getRuntimeMXBean().getStartTime();
        List<String> written = new ArrayList<>();
        for (String line : status) {
            String path = line.substring(3);
            Path file = project.resolve(path);
            if (path.replaceFirst("/$", "").indexOf('/') < 0 && Files.exists(file)
                    && Files.getLastModifiedTime(file).toMillis() >= runStarted) {
                written.add(line);
            }
        }
        assertEquals(List.of(), written, "written by the run into the checkout instead of target/ or .local/");
    }

    /** The command's output lines, or null if git is missing or this is no work tree. */
    private static List<String> git(Path dir, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return null;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(1, TimeUnit.MINUTES));
        return process.exitValue() == 0 ? output.lines().filter(l -> !l.isBlank()).toList() : null;
    }
}
