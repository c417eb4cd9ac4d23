package edu.ucla.dgsom.escrow.imports.control;

import edu.ucla.dgsom.escrow.imports.entity.ImportFormat;
import edu.ucla.dgsom.escrow.imports.entity.ImportedEntry;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns an uploaded export file into normalized entries: {@link #detect} names its format from the content, {@link
 * #read} reads it. Nothing is stored and nothing is written to disk. A file that cannot be read is refused whole with a
 * 400 naming the line or entry and the cause, never a value from the file.
 */
@ApplicationScoped
public class ExportReader {

    /** The largest file read (10 MB); the upload boundary refuses larger bodies with the same limit. */
    public static final int MAX_BYTES = 10 * 1024 * 1024;

    /** The format of {@code file} from its content: a ZIP with export.data, a JSON shape, an XML root, a CSV header. */
    public ImportFormat detect(byte[] file) {
        requireSize(file);
        if (OnePux.isZip(file)) {
            OnePux.exportData(file);
            return ImportFormat.ONEPASSWORD_1PUX;
        }
        String text = text(file);
        return switch (firstSignificant(text)) {
            case '{' -> BitwardenJson.detect(text);
            case '<' -> KeePassXml.detect(file);
            default -> CsvExports.detect(text);
        };
    }

    /**
     * The entries of {@code file} read as {@code format}. {@code password} opens a password-protected export and is
     * ignored otherwise; the caller clears it after the call.
     */
    public List<ImportedEntry> read(ImportFormat format, byte[] file, char[] password) {
        requireSize(file);
        return switch (format) {
            case ONEPASSWORD_1PUX -> OnePux.read(file);
            case KEEPASS2_XML -> KeePassXml.read(file);
            case BITWARDEN_JSON -> BitwardenJson.read(text(file));
            case BITWARDEN_ENCRYPTED_JSON -> BitwardenJson.readPasswordProtected(text(file), password);
            case LASTPASS_CSV, BITWARDEN_CSV, KEEPASSXC_CSV, ONEPASSWORD_CSV, CHROME_CSV ->
                CsvExports.read(format, text(file));
        };
    }

    /** Detects the format, then reads the file as it. */
    public List<ImportedEntry> read(byte[] file, char[] password) {
        return read(detect(file), file, password);
    }

    private static void requireSize(byte[] file) {
        if (file == null || file.length == 0) {
            throw ImportProblems.file("the file is empty");
        }
        if (file.length > MAX_BYTES) {
            throw ImportProblems.file("the file is larger than the limit of " + MAX_BYTES + " bytes (10 MB)");
        }
    }

    /** The file as UTF-8 text without a byte-order mark; refused when it is not UTF-8. */
    static String text(byte[] file) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(file)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw ImportProblems.file("the file is not UTF-8 text (export it again as UTF-8)");
        }
    }

    private static char firstSignificant(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return text.charAt(i);
            }
        }
        throw ImportProblems.file("the file is empty");
    }
}
