package edu.ucla.dgsom.escrow.imports.control;

import static edu.ucla.dgsom.escrow.imports.control.JsonFiles.integer;
import static edu.ucla.dgsom.escrow.imports.control.JsonFiles.isTrue;
import static edu.ucla.dgsom.escrow.imports.control.JsonFiles.object;
import static edu.ucla.dgsom.escrow.imports.control.JsonFiles.objects;
import static edu.ucla.dgsom.escrow.imports.control.JsonFiles.string;

import edu.ucla.dgsom.escrow.imports.entity.CustomField;
import edu.ucla.dgsom.escrow.imports.entity.ImportedEntry;
import edu.ucla.dgsom.escrow.imports.entity.ImportedEntry.Kind;
import edu.ucla.dgsom.escrow.imports.entity.ImportedTotp;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * 1Password's 1PUX export: a ZIP whose {@code export.data} is JSON, {@code accounts[].vaults[].items[]} (the vault is
 * the folder). Only {@code export.data} is inflated, and no further than {@link #MAX_EXPORT_DATA} bytes whatever the
 * ZIP's headers claim, so a ZIP bomb is refused; attachments under {@code files/} are not read.
 */
final class OnePux {

    static final String EXPORT_DATA = "export.data";
    /** The most {@code export.data} may inflate to (40 MB, four times the upload limit). */
    static final int MAX_EXPORT_DATA = 4 * ExportReader.MAX_BYTES;
    /** The most ZIP entries looked at before giving up on finding export.data. */
    private static final int MAX_ENTRIES = 10_000;

    private OnePux() {
    }

    static boolean isZip(byte[] file) {
        return file.length >= 4 && file[0] == 'P' && file[1] == 'K' && file[2] == 3 && file[3] == 4;
    }

    static List<ImportedEntry> read(byte[] file) {
        JsonObject export = object(ExportReader.text(exportData(file)), EXPORT_DATA);
        List<ImportedEntry> entries = new ArrayList<>();
        for (JsonObject account : objects(export, "accounts")) {
            for (JsonObject vault : objects(account, "vaults")) {
                String vaultName = string(object(vault, "attrs"), "name");
                for (JsonObject listed : objects(vault, "items")) {
                    // Older exports wrap each item as {"item": {...}}.
                    JsonObject item = listed.containsKey("item") ? object(listed, "item") : listed;
                    String position = "item " + (entries.size() + 1);
                    if (item == null) {
                        throw ImportProblems.at(position, "is not an object");
                    }
                    if (!isTrue(item, "trashed") && !"trashed".equals(string(item, "state"))) {
                        entries.add(entry(position, item, vaultName));
                    }
                }
            }
        }
        return entries;
    }

    /** The inflated export.data; refused when the file is not a ZIP, lacks it, or it inflates past the cap. */
    static byte[] exportData(byte[] file) {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(file))) {
            ZipEntry entry;
            int seen = 0;
            while ((entry = zip.getNextEntry()) != null && seen++ < MAX_ENTRIES) {
                if (!entry.isDirectory() && EXPORT_DATA.equals(entry.getName())) {
                    return inflate(zip);
                }
            }
            throw ImportProblems.file("the ZIP file has no " + EXPORT_DATA + ", so it is not a 1PUX export");
        } catch (IOException | IllegalArgumentException e) {
            throw ImportProblems.file("the file is not a readable ZIP (1PUX) file");
        }
    }

    private static byte[] inflate(ZipInputStream zip) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int read;
        while ((read = zip.read(buffer)) != -1) {
            if (out.size() + read > MAX_EXPORT_DATA) {
                throw ImportProblems.file(EXPORT_DATA + " inflates to more than " + MAX_EXPORT_DATA
                        + " bytes; the file is refused");
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    private static ImportedEntry entry(String position, JsonObject item, String vault) {
        JsonObject details = object(item, "details");
        JsonObject overview = object(item, "overview");
        Kind kind = switch (Objects.requireNonNullElse(string(item, "categoryUuid"), "")) {
            case "001", "005" -> Kind.LOGIN;
            case "003" -> Kind.SECURE_NOTE;
            default -> Kind.OTHER;
        };
        String username = null;
        String password = string(details, "password");
        for (JsonObject field : objects(details, "loginFields")) {
            String designation = Objects.requireNonNullElse(string(field, "designation"), "");
            if (designation.equals("username") && username == null) {
                username = string(field, "value");
            } else if (designation.equals("password") && password == null) {
                password = string(field, "value");
            }
        }
        ImportedTotp totp = null;
        List<CustomField> fields = new ArrayList<>();
        for (JsonObject section : objects(details, "sections")) {
            for (JsonObject field : objects(section, "fields")) {
                JsonObject value = object(field, "value");
                String seed = string(value, "totp");
                if (seed != null && totp == null) {
                    totp = ImportedTotp.parse(seed);
                } else if (value != null && !value.isEmpty()) {
                    String name = Objects.requireNonNullElse(string(field, "title"), "");
                    fields.add(new CustomField(name, scalar(value), value.containsKey("concealed")));
                }
            }
        }
        String url = string(overview, "url");
        if (url == null || url.isEmpty()) {
            url = objects(overview, "urls").stream().map(u -> string(u, "url")).filter(Objects::nonNull)
                    .findFirst().orElse(null);
        }
        return new ImportedEntry(position, kind, string(overview, "title"), url, username, password, totp,
                string(details, "notesPlain"), vault, integer(item, "favIndex", 0) > 0, fields);
    }

    /** A section field's value, {"string": ..}, {"concealed": ..}, {"url": ..}, {"email": {"email_address": ..}}. */
    private static String scalar(JsonObject value) {
        String key = value.keySet().iterator().next();
        JsonValue inner = value.get(key);
        if (inner instanceof JsonObject nested) {
            String address = string(nested, "email_address");
            return address == null ? "" : address;
        }
        String text = string(value, key);
        return text == null ? "" : text;
    }
}
