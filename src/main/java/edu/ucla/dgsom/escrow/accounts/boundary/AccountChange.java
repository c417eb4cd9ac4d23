package edu.ucla.dgsom.escrow.accounts.boundary;

import static edu.ucla.dgsom.escrow.web.SharedJsonProvider.JSON;

import edu.ucla.dgsom.escrow.accounts.control.AccountFields;
import edu.ucla.dgsom.escrow.accounts.control.AccountEdit;
import edu.ucla.dgsom.escrow.accounts.entity.AccountRevision;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.web.StrictJson;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.validation.constraints.Size;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Set;

/**
 * A partial update, read as a JSON merge patch (RFC 7396): absent fields stay as they are; {@code null} or an empty
 * string clears {@code profileUrl} or {@code notes}; {@code null} for any other field is refused. The platform is
 * part of the account's identity and cannot change, and the status changes only through its transitions (approval,
 * suspension, reinstatement, retirement). {@code platformMfa} states the platform's second factor (NONE, TOTP or
 * OTHER; null clears it: not stated). {@code reason} goes to the audit trail.
 */
public record AccountChange(
        @Size(min = 1, max = 200) String handle,
        @Size(max = 2000) String profileUrl,
        @Size(min = 1, max = 200) String displayName,
        @Size(min = 1, max = 36) String departmentId,
        @Size(min = 1, max = 36) String contentOwnerId,
        @Size(min = 1, max = 36) String backupModeratorId,
        @Size(max = 4000) String notes,
        @Size(max = 8) String platformMfa,
        @Size(max = 500) String reason) {

    /** Unconstrained: Payara fails /openapi on constrained parameters (docs/architecture.md, "Request records"). */
    public AccountChange(String handle, String profileUrl, String displayName, String departmentId,
            String contentOwnerId, String backupModeratorId, String notes, String platformMfa, String reason) {
        this.handle = handle;
        this.profileUrl = profileUrl;
        this.displayName = displayName;
        this.departmentId = departmentId;
        this.contentOwnerId = contentOwnerId;
        this.backupModeratorId = backupModeratorId;
        this.notes = notes;
        this.platformMfa = platformMfa;
        this.reason = reason;
    }

    /** What JSON {@code null} may clear; {@code reason} is not stored, so null is as good as absent. */
    private static final Set<String> CLEARABLE = Set.of("profileUrl", "notes", "platformMfa");

    /**
     * The change a merge patch asks for. A null that clears becomes the empty string the rules already treat as
     * "clear"; a null for a required field is a 400 naming it, never taken for "unchanged".
     */
    public static AccountChange fromMergePatch(JsonObject patch, Jsonb jsonb) {
        if (patch.containsKey("status")) {
            throw ProblemException.invalidField("status", "changes only through an account request's approval"
                    + " (/account-requests) or /suspension, /reinstatement and /retirement");
        }
        StrictJson.requireShape(patch, AccountChange.class);
        Set<String> fields = Set.copyOf(Arrays.stream(AccountChange.class.getRecordComponents())
                .map(RecordComponent::getName).toList());
        JsonObjectBuilder change = JSON.createObjectBuilder();
        patch.forEach((name, value) -> {
            if (value.getValueType() != JsonValue.ValueType.NULL || !fields.contains(name)) {
                change.add(name, value);
            } else if (CLEARABLE.contains(name)) {
                change.add(name, "");
            } else if (!name.equals("reason")) {
                throw ProblemException.invalidField(name, "cannot be cleared; leave it out to keep it");
            }
        });
        return jsonb.fromJson(change.build().toString(), AccountChange.class);
    }

    /** The edit this change asks for, each value in its stored form (null: unchanged; empty: cleared). */
    AccountEdit toEdit() {
        return new AccountEdit(new AccountRevision(handle == null ? null : AccountFields.text("handle", handle),
                displayName == null ? null : AccountFields.text("displayName", displayName),
                profileUrl == null ? null : AccountFields.profileUrl(profileUrl),
                notes == null ? null : AccountFields.notes(notes), departmentId == null ? null : departmentId.strip(),
                platformMfa == null ? null : AccountFields.platformMfa(platformMfa)),
                contentOwnerId == null ? null : contentOwnerId.strip(),
                backupModeratorId == null ? null : backupModeratorId.strip(), reason);
    }
}
