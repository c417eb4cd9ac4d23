package edu.ucla.dgsom.escrow.imports.control;

import edu.ucla.dgsom.escrow.imports.entity.CustomField;
import edu.ucla.dgsom.escrow.imports.entity.ImportFormat;
import edu.ucla.dgsom.escrow.imports.entity.ImportedEntry;
import edu.ucla.dgsom.escrow.imports.entity.ImportedEntry.Kind;
import edu.ucla.dgsom.escrow.imports.entity.ImportedTotp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The CSV exports (RFC 4180, read with Apache Commons CSV). Columns are found by their header name, in any order and
 * any case; a layout names the columns it needs. A row with another number of fields than the header, or a quoted value
 * that never closes, refuses the whole file.
 */
final class CsvExports {

    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    /** LastPass's URL of a secure note. */
    private static final String SECURE_NOTE_URL = "http://sn";

    /** Each vendor's layout, in the order detection tries them (the more columns, the earlier). */
    private enum Layout {
        /** {@code url,username,password,totp,extra,name,grouping,fav} (older exports lack totp). */
        LASTPASS(ImportFormat.LASTPASS_CSV, CsvExports::lastPass,
                "url", "username", "password", "extra", "name", "grouping", "fav"),
        /**
         * {@code folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp};
         * an organization's export has {@code collections} instead of {@code folder,favorite}.
         */
        BITWARDEN(ImportFormat.BITWARDEN_CSV, CsvExports::bitwarden,
                "type", "name", "notes", "fields", "login_uri", "login_username", "login_password"),
        /** {@code Group,Title,Username,Password,URL,Notes,TOTP,Icon,Last Modified,Created}. */
        KEEPASSXC(ImportFormat.KEEPASSXC_CSV, CsvExports::keePassXc,
                "group", "title", "username", "password", "url", "notes"),
        /** 1Password 8: {@code Title,Url,Username,Password,OTPAuth,Favorite,Archived,Tags,Notes}. */
        ONEPASSWORD(ImportFormat.ONEPASSWORD_CSV, CsvExports::onePassword,
                "title", "url", "username", "password", "notes"),
        /** {@code name,url,username,password,note} (older Chrome lacks note). */
        CHROME(ImportFormat.CHROME_CSV, CsvExports::chrome, "name", "url", "username", "password");

        final ImportFormat format;
        final BiFunction<String, Row, ImportedEntry> entry;
        final List<String> required;

        Layout(ImportFormat format, BiFunction<String, Row, ImportedEntry> entry, String... required) {
            this.format = format;
            this.entry = entry;
            this.required = List.of(required);
        }

        List<String> missingFrom(Map<String, Integer> header) {
            List<String> missing = required.stream().filter(column -> !header.containsKey(column)).toList();
            if (this == BITWARDEN && !header.containsKey("folder") && !header.containsKey("collections")) {
                missing = new ArrayList<>(missing);
                missing.add(0, "folder or collections");
            }
            return missing;
        }

        static Layout of(ImportFormat format) {
            return Arrays.stream(values()).filter(layout -> layout.format == format).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(format + " is not a CSV format"));
        }
    }

    private CsvExports() {
    }

    static ImportFormat detect(String text) {
        Map<String, Integer> header = header(text);
        return Arrays.stream(Layout.values()).filter(layout -> layout.missingFrom(header).isEmpty()).findFirst()
                .map(layout -> layout.format)
                .orElseThrow(() -> ImportProblems.at("line 1", "the header is not one of a LastPass, Bitwarden,"
                        + " KeePassXC, 1Password or Chrome CSV export, nor is the file JSON, XML or a 1PUX file"));
    }

    static List<ImportedEntry> read(ImportFormat format, String text) {
        Layout layout = Layout.of(format);
        try (CSVParser parser = CSVParser.parse(text, CSV)) {
            Iterator<CSVRecord> records = parser.iterator();
            Map<String, Integer> header = header(next(records, 1));
            List<String> missing = layout.missingFrom(header);
            if (!missing.isEmpty()) {
                throw ImportProblems.at("line 1", "the header is not a " + format.label() + " header; it lacks "
                        + String.join(", ", missing));
            }
            List<ImportedEntry> entries = new ArrayList<>();
            while (true) {
                long line = parser.getCurrentLineNumber() + 1;
                CSVRecord record = next(records, line);
                if (record == null) {
                    return entries;
                }
                if (record.size() != header.size()) {
                    throw ImportProblems.at("line " + line, "has " + record.size() + " fields where the header has "
                            + header.size());
                }
                entries.add(layout.entry.apply("line " + line, new Row(header, record)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Integer> header(String text) {
        try (CSVParser parser = CSVParser.parse(text, CSV)) {
            return header(next(parser.iterator(), 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Integer> header(CSVRecord record) {
        if (record == null) {
            throw ImportProblems.file("the file is empty");
        }
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < record.size(); i++) {
            columns.putIfAbsent(record.get(i).strip().toLowerCase(Locale.ROOT), i);
        }
        return columns;
    }

    /** The next record, or null at the end; a broken quote is refused naming the line its record starts on. */
    private static CSVRecord next(Iterator<CSVRecord> records, long line) {
        try {
            return records.hasNext() ? records.next() : null;
        } catch (UncheckedIOException | IllegalStateException e) {
            String message = String.valueOf(e.getMessage());
            throw ImportProblems.at("line " + line, message.contains("EOF")
                    ? "a quoted value is not closed before the end of the file"
                    : "a quoted value has text between its closing quote and the next comma");
        }
    }

    /** A record's values by lower-case column name; a column the file lacks reads as empty. */
    private record Row(Map<String, Integer> header, CSVRecord record) {

        String get(String column) {
            Integer index = header.get(column);
            return index == null ? "" : record.get(index);
        }
    }

    private static ImportedEntry lastPass(String position, Row row) {
        boolean note = SECURE_NOTE_URL.equalsIgnoreCase(row.get("url").strip());
        return new ImportedEntry(position, note ? Kind.SECURE_NOTE : Kind.LOGIN, row.get("name"),
                note ? null : row.get("url"), row.get("username"), row.get("password"),
                ImportedTotp.parse(row.get("totp")), row.get("extra"), lastPassGroup(row.get("grouping")),
                "1".equals(row.get("fav").strip()), List.of());
    }

    /** LastPass writes a subfolder {@code Parent\\Child} and no folder as {@code (none)}. */
    private static String lastPassGroup(String grouping) {
        String group = CONTROL.matcher(grouping.replace('\\', '/')).replaceAll("");
        return group.strip().equals("(none)") ? null : group;
    }

    private static ImportedEntry bitwarden(String position, Row row) {
        Kind kind = switch (row.get("type").strip().toLowerCase(Locale.ROOT)) {
            case "login" -> Kind.LOGIN;
            case "note" -> Kind.SECURE_NOTE;
            default -> Kind.OTHER;
        };
        List<String> uris = Arrays.stream(row.get("login_uri").split(",")).map(String::strip)
                .filter(uri -> !uri.isEmpty()).toList();
        List<CustomField> fields = new ArrayList<>();
        uris.stream().skip(1).forEach(uri -> fields.add(new CustomField("URI", uri, false)));
        fields.addAll(bitwardenFields(row.get("fields")));
        // An organization's item may sit in several collections, "Social,Marketing": the first stands for the folder.
        String folder = row.header().containsKey("folder") ? row.get("folder") : row.get("collections").split(",")[0];
        return new ImportedEntry(position, kind, row.get("name"), uris.isEmpty() ? null : uris.get(0),
                row.get("login_username"), row.get("login_password"), ImportedTotp.parse(row.get("login_totp")),
                row.get("notes"), folder, "1".equals(row.get("favorite").strip()), fields);
    }

    /** Bitwarden writes custom fields one a line as {@code name: value}. */
    private static List<CustomField> bitwardenFields(String text) {
        List<CustomField> fields = new ArrayList<>();
        for (String line : text.split("\\r?\\n")) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(": ");
            fields.add(colon < 0 ? new CustomField(line.strip(), "", false)
                    : new CustomField(line.substring(0, colon).strip(), line.substring(colon + 2), false));
        }
        return fields;
    }

    private static ImportedEntry keePassXc(String position, Row row) {
        return new ImportedEntry(position, Kind.LOGIN, row.get("title"), row.get("url"), row.get("username"),
                row.get("password"), ImportedTotp.parse(row.get("totp")), row.get("notes"),
                belowRoot(row.get("group")), false, List.of());
    }

    /** KeePass's group path without its root group, which names the database rather than a folder. */
    static String belowRoot(String path) {
        int slash = path.indexOf('/');
        return slash < 0 ? null : path.substring(slash + 1);
    }

    /** 1Password's CSV carries no vault; its tags stand for the folder. */
    private static ImportedEntry onePassword(String position, Row row) {
        return new ImportedEntry(position, Kind.LOGIN, row.get("title"), row.get("url"), row.get("username"),
                row.get("password"), ImportedTotp.parse(row.get("otpauth")), row.get("notes"), row.get("tags"),
                "true".equalsIgnoreCase(row.get("favorite").strip()), List.of());
    }

    private static ImportedEntry chrome(String position, Row row) {
        return new ImportedEntry(position, Kind.LOGIN, row.get("name"), row.get("url"), row.get("username"),
                row.get("password"), null, row.get("note"), null, false, List.of());
    }
}
