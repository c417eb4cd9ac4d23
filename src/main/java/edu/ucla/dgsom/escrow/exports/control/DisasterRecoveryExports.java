package edu.ucla.dgsom.escrow.exports.control;

import edu.ucla.dgsom.escrow.access.control.Departments;
import edu.ucla.dgsom.escrow.access.control.People;
import edu.ucla.dgsom.escrow.access.control.PersonDetails;
import edu.ucla.dgsom.escrow.access.control.RoleHolders;
import edu.ucla.dgsom.escrow.accounts.control.AccountId;
import edu.ucla.dgsom.escrow.accounts.control.Registry;
import edu.ucla.dgsom.escrow.accounts.control.RegisteredAccount;
import edu.ucla.dgsom.escrow.audit.control.AuditAction;
import edu.ucla.dgsom.escrow.audit.control.AuditTrail;
import edu.ucla.dgsom.escrow.audit.control.Outcome;
import edu.ucla.dgsom.escrow.credentials.control.Credentials;
import edu.ucla.dgsom.escrow.credentials.control.VersionScope;
import edu.ucla.dgsom.escrow.crypto.control.RecoveryEnvelope;
import edu.ucla.dgsom.escrow.crypto.control.RecoveryKeys;
import edu.ucla.dgsom.escrow.installation.control.InstallationRegistry;
import edu.ucla.dgsom.escrow.notifications.control.MailOutbox;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.security.Caller;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The disaster-recovery export (docs/operations.md): the whole registry with every current credential (or every
 * version) as one OpenPGP message for the installation's recovery keys. The credentials are opened under the reveal
 * rules by the credentials feature as the document is written, straight into the envelope, so only ciphertext is
 * held. The audit entry (reason, counts, the ciphertext's SHA-256) and the mail to every DGIT admin are written in
 * this transaction, which commits before the resource answers a byte: no entry, no export.
 */
@Stateless
public class DisasterRecoveryExports {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    RecoveryKeys recoveryKeys;

    @Inject
    InstallationRegistry installation;

    @Inject
    Departments departments;

    @Inject
    People people;

    @Inject
    RoleHolders roleHolders;

    @Inject
    Registry registry;

    @Inject
    Credentials credentials;

    @Inject
    MailOutbox mail;

    /** The finished message: its file name, the ciphertext and its SHA-256 (hex). */
    public record Export(String fileName, byte[] ciphertext, String sha256, RecoveryDocument.Counts counts) {
    }

    public Export export(String reason, VersionScope versions) {
        String installationId = installation.id();
        AuditTrail.Target target = AuditTrail.Target.of("installation", installationId);
        RecoveryEnvelope envelope;
        try {
            envelope = recoveryKeys.envelope();
        } catch (RuntimeException e) {
            throw audit.fail(AuditAction.DISASTER_RECOVERY_EXPORT, target, reason, "recovery keys unusable", e);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String fileName = "escrow-dr-" + FILE_TIME.format(now) + ".pgp";
        ByteArrayOutputStream ciphertext = new ByteArrayOutputStream();
        RecoveryDocument.Counts counts;
        try (OutputStream plaintext = envelope.open(ciphertext, fileName.replace(".pgp", ".json"),
                Date.from(now))) {
            counts = RecoveryDocument.write(plaintext, new RecoveryDocument.Header(installationId, now,
                    caller.auditName(), reason, versions == VersionScope.ALL), departments.all(), people.everyone(),
                    registry.everyAccount(), account -> credentials.forRecovery(new AccountId(account.id()),
                            versions, AuditAction.DISASTER_RECOVERY_EXPORT, reason));
        } catch (ProblemException refused) {
            throw refused; // a refusal, audited where it was decided (the reveal rules)
        } catch (IOException | RuntimeException e) {
            // E.g. a stored value that fails its integrity check: nothing is exported, and the attempt is kept.
            throw audit.fail(AuditAction.DISASTER_RECOVERY_EXPORT, target, reason, "could not write the export",
                    e instanceof RuntimeException unchecked ? unchecked : new UncheckedIOException((IOException) e));
        }
        byte[] message = ciphertext.toByteArray();
        String sha256 = sha256(message);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("allVersions", Boolean.toString(versions == VersionScope.ALL));
        details.put("departments", Integer.toString(counts.departments()));
        details.put("people", Integer.toString(counts.people()));
        details.put("accounts", Integer.toString(counts.accounts()));
        details.put("credentialVersions", Integer.toString(counts.credentialVersions()));
        details.put("bytes", Integer.toString(message.length));
        details.put("sha256", sha256);
        details.put("recipients", String.join(",", envelope.recipientFingerprints()));
        details.put("signer", envelope.signerFingerprint());
        audit.record(AuditAction.DISASTER_RECOVERY_EXPORT, target, Outcome.ALLOWED, reason, details);
        tellDgitAdmins(fileName, reason, counts, sha256, now);
        return new Export(fileName, message, sha256, counts);
    }

    private void tellDgitAdmins(String fileName, String reason, RecoveryDocument.Counts counts, String sha256,
            Instant at) {
        for (PersonDetails admin : people.activeAmong(roleHolders.dgitAdmins())) {
            mail.enqueue(admin.email(), "Disaster-recovery export of the credential escrow by " + caller.auditName(),
                    "Hello " + admin.name() + ",\n\n" + caller.auditName() + " exported every official account"
                    + " and its credentials from the credential escrow at " + at + " (" + fileName + ").\n"
                    + "Reason: " + reason + "\n" + counts.accounts() + " accounts, " + counts.credentialVersions()
                    + " credential versions, " + counts.people() + " people, " + counts.departments()
                    + " departments.\nSHA-256 of the file: " + sha256 + "\n\nThe file opens with any of the"
                    + " installation's recovery keys. If you did not expect this export, tell the DGIT security"
                    + " officer now: the audit trail has the entry.\n\nThe DGIT credential escrow\n");
        }
    }

    /** The SHA-256 of {@code bytes}, in hex: what the audit entries and the mail name a file by. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
