package edu.ucla.dgsom.escrow.imports.control;

import static edu.ucla.dgsom.escrow.imports.control.JsonFiles.integer;
import static edu.ucla.dgsom.escrow.imports.control.JsonFiles.isTrue;
import static edu.ucla.dgsom.escrow.imports.control.JsonFiles.object;
import static edu.ucla.dgsom.escrow.imports.control.JsonFiles.objects;
import static edu.ucla.dgsom.escrow.imports.control.JsonFiles.string;
import static edu.ucla.dgsom.escrow.imports.control.JsonFiles.strings;

import edu.ucla.dgsom.escrow.imports.entity.CustomField;
import edu.ucla.dgsom.escrow.imports.entity.ImportFormat;
import edu.ucla.dgsom.escrow.imports.entity.ImportedEntry;
import edu.ucla.dgsom.escrow.imports.entity.ImportedEntry.Kind;
import edu.ucla.dgsom.escrow.imports.entity.ImportedTotp;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Bitwarden's JSON export, personal ({@code folders}, an item's {@code folderId}) or an organization's
 * ({@code collections}, an item's {@code collectionIds}), and its password-protected form, whose {@code data} holds
 * the same JSON encrypted.
 */
final class BitwardenJson {

    /** Bitwarden's cipher types: 1 login, 2 secure note (3 card, 4 identity, 5 SSH key are read as OTHER). */
    private static final int LOGIN = 1;
    private static final int SECURE_NOTE = 2;
    /** A custom field's type 1 is hidden. */
    private static final int HIDDEN = 1;

    private BitwardenJson() {
    }

    static ImportFormat detect(String text) {
        JsonObject export = object(text, "the file");
        if (isTrue(export, "encrypted")) {
            requirePasswordProtected(export);
            return ImportFormat.BITWARDEN_ENCRYPTED_JSON;
        }
        if (export.containsKey("items")) {
            return ImportFormat.BITWARDEN_JSON;
        }
        throw ImportProblems.file("the JSON is not a Bitwarden export (it has no items)");
    }

    static List<ImportedEntry> readPasswordProtected(String text, char[] password) {
        JsonObject envelope = object(text, "the file");
        requirePasswordProtected(envelope);
        return read(BitwardenEncryption.open(envelope, password));
    }

    static List<ImportedEntry> read(String text) {
        JsonObject export = object(text, "the file");
        if (isTrue(export, "encrypted")) {
            requirePasswordProtected(export);
            throw ImportProblems.file("the export is password-protected: read it as "
                    + ImportFormat.BITWARDEN_ENCRYPTED_JSON + " with its password");
        }
        Map<String, String> folders = names(export, "folders");
        Map<String, String> collections = names(export, "collections");
        List<ImportedEntry> entries = new ArrayList<>();
        List<JsonObject> items = objects(export, "items");
        for (int i = 0; i < items.size(); i++) {
            entries.add(entry("item " + (i + 1), items.get(i), folders, collections));
        }
        return entries;
    }

    private static void requirePasswordProtected(JsonObject export) {
        if (!isTrue(export, "passwordProtected")) {
            throw ImportProblems.file("the export is account-restricted: only the Bitwarden account that made it"
                    + " can open it; export again choosing \"Password protected\"");
        }
    }

    private static Map<String, String> names(JsonObject export, String key) {
        Map<String, String> names = new HashMap<>();
        for (JsonObject folder : objects(export, key)) {
            String id = string(folder, "id");
            if (id != null) {
                names.put(id, Objects.requireNonNullElse(string(folder, "name"), ""));
            }
        }
        return names;
    }

    private static ImportedEntry entry(String position, JsonObject item, Map<String, String> folders,
            Map<String, String> collections) {
        int type = integer(item, "type", LOGIN);
        Kind kind = type == LOGIN ? Kind.LOGIN : type == SECURE_NOTE ? Kind.SECURE_NOTE : Kind.OTHER;
        JsonObject login = object(item, "login");
        List<String> uris = objects(login, "uris").stream().map(uri -> string(uri, "uri"))
                .filter(Objects::nonNull).toList();
        List<CustomField> fields = new ArrayList<>();
        uris.stream().skip(1).forEach(uri -> fields.add(new CustomField("URI", uri, false)));
        for (JsonObject field : objects(item, "fields")) {
            fields.add(new CustomField(Objects.requireNonNullElse(string(field, "name"), ""),
                    Objects.requireNonNullElse(string(field, "value"), ""),
                    integer(field, "type", 0) == HIDDEN));
        }
        String folder = folders.get(string(item, "folderId"));
        if (folder == null) {
            folder = strings(item, "collectionIds").stream().map(collections::get).filter(Objects::nonNull)
                    .findFirst().orElse(null);
        }
        return new ImportedEntry(position, kind, string(item, "name"), uris.isEmpty() ? null : uris.get(0),
                string(login, "username"), string(login, "password"), ImportedTotp.parse(string(login, "totp")),
                string(item, "notes"), folder, isTrue(item, "favorite"), fields);
    }
}
