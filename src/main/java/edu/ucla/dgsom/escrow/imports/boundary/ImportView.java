package edu.ucla.dgsom.escrow.imports.boundary;

import edu.ucla.dgsom.escrow.imports.control.Imports;
import edu.ucla.dgsom.escrow.imports.entity.ImportMapping;
import edu.ucla.dgsom.escrow.imports.entity.PendingImport;
import edu.ucla.dgsom.escrow.imports.entity.PlannedEntry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An upload and what its commit does (or did): the file's format, SHA-256, size and entry count, until when it
 * waits, the mapping in force, the folders the file names, how many entries each action takes, and each entry's
 * plan. No secret: an entry says only whether it carries a password, a TOTP seed and notes.
 */
public record ImportView(String id, String state, String format, String formatName, String fileDigest, int fileBytes,
        int entryCount, Instant uploadedAt, Instant expiresAt, ImportMapping mapping, List<String> folders,
        Map<String, Integer> counts, List<Entry> entries) {

    /** One entry's plan. */
    public record Entry(int number, String position, String title, String folder, String url, String loginName,
            boolean hasPassword, boolean hasTotp, boolean hasNotes, String platform, String platformName,
            String handle, String profileUrl, String departmentId, String contentOwnerId, String backupModeratorId,
            String action, String accountId, String reason) {

        static Entry of(PlannedEntry e) {
            var address = e.address();
            var holders = e.holders();
            return new Entry(e.number(), e.position(), e.title(), e.folder(), e.url(), e.loginName(), e.hasPassword(),
                    e.hasTotp(), e.hasNotes(), address == null ? null : address.platform().name(),
                    address == null ? null : address.platformName(), address == null ? null : address.handle(),
                    address == null ? null : address.profileUrl(), e.departmentId(),
                    holders == null ? null : holders.contentOwnerId(),
                    holders == null ? null : holders.backupModeratorId(), e.action().name(), e.accountId(),
                    e.reason());
        }
    }

    /** By action name: a map keyed by strings, as OpenAPI describes one (CREATE, MERGE, SKIP). */
    private static Map<String, Integer> counts(Imports.Preview preview) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        preview.plan().counts().forEach((action, count) -> counts.put(action.name(), count));
        return counts;
    }

    static ImportView of(Imports.Preview preview) {
        PendingImport p = preview.pending();
        return new ImportView(p.id(), p.state(Instant.now()).name(), p.format().name(), p.format().label(),
                p.fileDigest(), p.fileBytes(), p.entryCount(), p.uploadedAt(), p.expiresAt(), p.mapping(),
                preview.plan().folders(), counts(preview),
                preview.plan().entries().stream().map(Entry::of).toList());
    }
}
