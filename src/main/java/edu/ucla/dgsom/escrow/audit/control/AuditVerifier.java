package edu.ucla.dgsom.escrow.audit.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The offline verifier: checks an audit export (JSON lines) with only the audit public key (PEM), and optionally the
 * external checkpoint file, with no database and no private key. Needs nothing but the JDK (docs/audit.md):
 *
 * <pre>java -cp target/escrow/WEB-INF/classes edu.ucla.dgsom.escrow.audit.control.AuditVerifier export.jsonl key.pem [checkpoints.jsonl]</pre>
 *
 * The export's header names its installation; checkpoints of another installation in the checkpoint file are
 * listed as warnings and ignored.
 *
 * Exit status 0 when the export verifies, 1 when it does not, 2 when it cannot be read.
 */
public final class AuditVerifier {

    private AuditVerifier() {
    }

    public static void main(String[] args) {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: AuditVerifier <export.jsonl> <audit-public-key.pem> [checkpoints.jsonl]");
            System.exit(2);
        }
        try {
            ChainVerification.Verdict verdict = verify(Path.of(args[0]), Path.of(args[1]),
                    args.length == 3 ? Path.of(args[2]) : null);
            System.out.println(verdict.ok()
                    ? "OK: entries " + verdict.fromSeq() + " to " + verdict.toSeq() + " verified (" + verdict.entries()
                            + " entries, " + verdict.checkpoints() + " signed checkpoints)"
                    : "FAILED at sequence " + verdict.firstBadSeq() + ": " + verdict.problem());
            verdict.warnings().forEach(warning -> System.out.println("WARNING: " + warning));
            System.exit(verdict.ok() ? 0 : 1);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            System.err.println("cannot verify: " + e.getMessage());
            System.exit(2);
        }
    }

    public static ChainVerification.Verdict verify(Path export, Path publicKeyPem, Path externalCheckpoints)
            throws IOException, GeneralSecurityException {
        PublicKey key = publicKey(Files.readString(publicKeyPem, StandardCharsets.US_ASCII));
        List<AuditCheckpoint> checkpoints = new ArrayList<>();
        Map<String, String> header = header(export, checkpoints);
        ChainVerification verification = new ChainVerification(key, header.get("installation"),
                Long.parseLong(header.get("fromSeq")), AuditChain.unhex(header.get("previousHash")), checkpoints,
                externalCheckpoints == null ? List.of() : checkpoints(externalCheckpoints));
        try (BufferedReader lines = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                Map<String, String> fields = line.isBlank() ? Map.of() : FlatJsonReader.read(line);
                if ("entry".equals(fields.get("type"))
                        && !verification.accept(AuditChain.entryOf(fields), AuditChain.unhex(fields.get("hash")))) {
                    break;
                }
            }
        }
        ChainVerification.Verdict verdict = verification.finish();
        long promised = Long.parseLong(header.get("toSeq"));
        if (verdict.ok() && verdict.toSeq() < promised) {
            return new ChainVerification.Verdict(false, verdict.fromSeq(), verdict.toSeq(), verdict.entries(),
                    verdict.checkpoints(), verdict.toSeq() + 1, "the export ends at " + verdict.toSeq()
                    + " but its header promises entries up to " + promised, verdict.warnings(),
                    verdict.lastCheckpoint());
        }
        return verdict;
    }

    /** The export's header line; its checkpoint lines go to {@code checkpoints}. A first pass, before the entries. */
    private static Map<String, String> header(Path export, List<AuditCheckpoint> checkpoints) throws IOException {
        Map<String, String> header = null;
        try (BufferedReader lines = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                Map<String, String> fields = line.isBlank() ? Map.of() : FlatJsonReader.read(line);
                if ("export".equals(fields.get("type")) && header == null) {
                    header = fields;
                } else if ("checkpoint".equals(fields.get("type"))) {
                    checkpoints.add(AuditChain.checkpointOf(fields));
                }
            }
        }
        if (header == null) {
            throw new IOException("not an audit export: no header line");
        }
        return header;
    }

    private static List<AuditCheckpoint> checkpoints(Path file) throws IOException {
        List<AuditCheckpoint> checkpoints = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                checkpoints.add(AuditChain.checkpointOf(FlatJsonReader.read(line)));
            }
        }
        return checkpoints;
    }

    public static PublicKey publicKey(String pem) throws GeneralSecurityException {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
