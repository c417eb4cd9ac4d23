package edu.ucla.dgsom.escrow.exports.boundary;

import edu.ucla.dgsom.escrow.exports.control.DisasterRecoveryExports;
import edu.ucla.dgsom.escrow.security.Allowed;
import edu.ucla.dgsom.escrow.security.PersonWithMfa;
import edu.ucla.dgsom.escrow.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Exports for disaster recovery (docs/operations.md, "Disaster-recovery export"). */
@Path("exports")
@ApplicationScoped
@Tag(name = "Exports")
public class ExportsResource {

    @Inject
    DisasterRecoveryExports exports;

    @POST
    @Path("disaster-recovery")
    @Allowed(Role.DGIT_ADMIN)
    @PersonWithMfa
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(operationId = "exportForDisasterRecovery",
            summary = "Every department, person, account and current credential (or every version) as one binary"
            + " OpenPGP message, encrypted to the installation's recovery keys and signed by its signing key;"
            + " audited and mailed to every DGIT admin before it is answered")
    @APIResponse(responseCode = "200", description = "The OpenPGP message (binary); `gpg --decrypt` with one"
            + " recovery private key yields the JSON document of docs/operations.md; never cached",
            content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
            schema = @Schema(type = SchemaType.STRING, format = "binary")),
            headers = @Header(name = "Content-Disposition", description = "attachment; filename=\"escrow-dr-<UTC"
            + " time>.pgp\"", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "409", description = "No usable recovery public key or signing key is configured")
    public Response export(@Valid @NotNull DisasterRecoveryRequest request) {
        DisasterRecoveryExports.Export export = exports.export(request.reason().strip(), request.versions());
        return Response.ok(export.ciphertext(), MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + export.fileName() + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("X-Content-SHA256", export.sha256())
                .build();
    }
}
