package edu.ucla.dgsom.escrow.exports.boundary;

import edu.ucla.dgsom.escrow.exports.control.DisasterRecoveryRestores;
import edu.ucla.dgsom.escrow.problems.Problem;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import edu.ucla.dgsom.escrow.security.Allowed;
import edu.ucla.dgsom.escrow.security.PersonWithMfa;
import edu.ucla.dgsom.escrow.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Restores of a disaster-recovery export into an empty installation (docs/operations.md, "DR drill"). */
@Path("restores")
@ApplicationScoped
@Tag(name = "Exports")
public class RestoresResource {

    private static final int MIN_REASON = 10;
    private static final int MAX_REASON = 500;

    @Inject
    DisasterRecoveryRestores restores;

    @POST
    @Allowed(Role.DGIT_ADMIN)
    @PersonWithMfa
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "restoreDisasterRecoveryExport",
            summary = "Restore the decrypted JSON of a disaster-recovery export into this empty installation",
            description = "The body is the JSON document `gpg --decrypt` yields from an export (format"
            + " escrow-disaster-recovery, version 1; 10 MB at most: 413 above). Only into an installation without"
            + " official accounts (409 otherwise). Departments are matched by code and people by id, then employee"
            + " id, else created under the file's ids; every account and credential version keeps its id and number,"
            + " sealed under this installation's keys. One transaction: a file of another format or version, or one"
            + " that does not fit the schema, is a 400 naming where; one that does not fit the installation (e.g. a"
            + " holder in neither) a 422; nothing is kept then.")
    @APIResponse(responseCode = "200", description = "Restored: what was created and matched, and the file's SHA-256")
    @APIResponse(responseCode = "409", description = "The installation has official accounts already")
    @APIResponse(responseCode = "422", description = "The file does not fit this installation")
    public DisasterRecoveryRestoreView restore(@RequestBody(description = "The decrypted JSON document of a"
            + " disaster-recovery export", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT))) byte[] document, @Parameter(description = "Why the restore is made,"
            + " 10 to 500 characters (into the audit trail)", required = true) @QueryParam("reason") String reason) {
        return DisasterRecoveryRestoreView.of(restores.restore(document, requireReason(reason)));
    }

    private static String requireReason(String reason) {
        String stripped = reason == null ? "" : reason.strip();
        int length = stripped.codePointCount(0, stripped.length());
        if (length < MIN_REASON || length > MAX_REASON) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "State why, in " + MIN_REASON + " to "
                    + MAX_REASON + " characters", List.of(new Problem.FieldError("reason", MIN_REASON + " to "
                    + MAX_REASON + " characters")));
        }
        return stripped;
    }
}
