package edu.ucla.dgsom.escrow.imports.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.ucla.dgsom.escrow.imports.entity.ImportedEntry;
import edu.ucla.dgsom.escrow.imports.entity.ImportedTotp;
import edu.ucla.dgsom.escrow.problems.Problem;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.function.Executable;

/**
 * The fixtures under src/test/resources/imports (see the README there) and what every format's test expects of them:
 * the same logins written by each vendor's layout.
 */
final class Fixtures {

    static final String UNICODE_TITLE = "Département de médecine — 社交";
    static final String PASSWORD = "Pässwörd—社交-1";
    static final String NOTES = "Line one\nLigne deux — é\n第三行, with a \"quote\"";
    static final String TOTP_URI = "otpauth://totp/DGSOM:jdoe?secret=JBSWY3DPEHPK3PXP";
    static final String SEED = "JBSWY3DPEHPK3PXP";
    static final String SHARED_MAILBOX = "Shared mailbox (SSO)";

    private Fixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/imports/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 1PUX fixture: its export.attributes and export.data zipped as 1Password does. */
    static byte[] onePux() {
        return zip(Map.of("export.attributes", bytes("onepassword-1pux/export.attributes"),
                "export.data", bytes("onepassword-1pux/export.data")));
    }

    static byte[] zip(Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static ImportedEntry titled(List<ImportedEntry> entries, String title) {
        return entries.stream().filter(entry -> title.equals(entry.title())).findFirst()
                .orElseThrow(() -> new AssertionError("no entry titled " + title + " in " + entries));
    }

    /** The login with Unicode everywhere, a multi-line note, a TOTP URI and a folder. */
    static ImportedEntry assertTheUnicodeLogin(List<ImportedEntry> entries, String folder, boolean carriesTotp) {
        ImportedEntry entry = titled(entries, UNICODE_TITLE);
        assertEquals(ImportedEntry.Kind.LOGIN, entry.kind());
        assertEquals("https://portal.example.edu/login", entry.url());
        assertEquals("jdoe@dgsom.example", entry.username());
        assertEquals(PASSWORD, entry.password());
        assertTrue(entry.notes().startsWith(NOTES), entry.notes());
        assertEquals(folder, entry.folder());
        if (carriesTotp) {
            assertEquals(ImportedTotp.Kind.URI, entry.totp().kind());
            assertTrue(entry.totp().value().startsWith(TOTP_URI), "the URI is kept as it is");
        } else {
            assertNull(entry.totp());
        }
        assertNoSecretIn(entry.toString());
        return entry;
    }

    /** The login with no password (SSO) and a TOTP given as a bare seed. */
    static ImportedEntry assertTheSharedMailbox(List<ImportedEntry> entries, String title, String folder,
            boolean carriesTotp) {
        ImportedEntry entry = titled(entries, title);
        assertFalse(entry.hasPassword());
        assertNull(entry.password());
        assertEquals("shared-mailbox@dgsom.example", entry.username());
        assertEquals(folder, entry.folder());
        if (carriesTotp) {
            assertEquals(new ImportedTotp(ImportedTotp.Kind.SEED, SEED), entry.totp());
            assertTrue(entry.totp().wellFormed());
        }
        assertNoSecretIn(entry.toString());
        return entry;
    }

    static void assertNoSecretIn(String text) {
        for (String secret : List.of(PASSWORD, SEED, "Line one", "Maïs bleu", "an older password")) {
            assertFalse(text.contains(secret), () -> "a secret shows in: " + text);
        }
    }

    /** The 400 {@code step} throws, whose text (detail and field messages) names no secret. */
    static String refused(Executable step) {
        ProblemException problem = assertThrows(ProblemException.class, step);
        assertEquals(ProblemType.VALIDATION_FAILED, problem.type());
        assertEquals(400, problem.type().status());
        String said = problem.getMessage() + " | " + problem.errors().stream()
                .map(Problem.FieldError::message).collect(Collectors.joining(" | "));
        assertNoSecretIn(said);
        return said;
    }
}
