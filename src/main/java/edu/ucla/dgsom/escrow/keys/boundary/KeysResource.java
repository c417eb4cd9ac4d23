package edu.ucla.dgsom.escrow.keys.boundary;

import edu.ucla.dgsom.escrow.audit.control.AuditKey;
import edu.ucla.dgsom.escrow.crypto.control.Keyring;
import edu.ucla.dgsom.escrow.crypto.control.RootKeyRotation;
import edu.ucla.dgsom.escrow.keys.control.KeyRotationWorker;
import edu.ucla.dgsom.escrow.keys.control.KeyRotations;
import edu.ucla.dgsom.escrow.keys.entity.KeyRotation;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.security.Allowed;
import edu.ucla.dgsom.escrow.security.PersonWithMfa;
import edu.ucla.dgsom.escrow.security.Public;
import edu.ucla.dgsom.escrow.security.Role;
import edu.ucla.dgsom.escrow.web.IdempotencyKey;
import edu.ucla.dgsom.escrow.web.Idempotent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The key ring: versions, rotations of KEKs and of the root key, retirement, and the audit signing public key. */
@Path("keys")
@ApplicationScoped
@Tag(name = "Keys")
@Produces(MediaType.APPLICATION_JSON)
public class KeysResource {

    /** As many rotations as the list shows: a few a year, so years of them. */
    private static final int ROTATIONS_LISTED = 20;

    @Inject
    KeyRotations rotations;

    @Inject
    KeyRotationWorker worker;

    @Inject
    Keyring keyring;

    @Inject
    AuditKey auditKey;

    @Context
    UriInfo uriInfo;

    @GET
    @Allowed({Role.DGIT_ADMIN, Role.AUDITOR})
    @Operation(operationId = "listKeyVersions", summary = "Key-encryption key versions and how many values each wraps")
    public List<KeyVersionView> versions() {
        int current = keyring.currentVersion();
        return rotations.versions().stream()
                .map(k -> KeyVersionView.of(k, k.version() == current, rotations.valuesUsing(k.version())))
                .toList();
    }

    @POST
    @Path("rotations")
    @Allowed(Role.DGIT_ADMIN)
    @PersonWithMfa
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @Parameter(in = ParameterIn.HEADER, name = IdempotencyKey.HEADER, description = IdempotencyKey.DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING, maxLength = 100))
    @Operation(operationId = "rotateKeys",
            summary = "Make a new key-encryption key current and re-wrap every data key to it in the background")
    @APIResponse(responseCode = "202", description = "Started; follow the Location",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "RotationView")),
            headers = @Header(name = HttpHeaders.LOCATION, description = "The rotation, to follow its progress",
            schema = @Schema(type = SchemaType.STRING, format = "uri")))
    public Response rotate(@Valid @NotNull RotationRequest request) {
        KeyRotation rotation = rotations.start(request.reason());
        worker.drive(rotation.id());
        return Response.accepted(view(rotation))
                .location(uriInfo.getBaseUriBuilder().path("keys/rotations/{id}").build(rotation.id()))
                .build();
    }

    @POST
    @Path("root-rotations")
    @Allowed(Role.DGIT_ADMIN)
    @PersonWithMfa
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "rotateRootKey",
            summary = "Re-wrap every key-encryption key under the root key of the key store this instance is"
            + " configured with (ESCROW_KEYSTORE_PATH), replacing the previous key store's (docs/crypto.md)")
    @APIResponse(responseCode = "200", description = "Every key-encryption key is wrapped by the new root key",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "RootKeyRotation")))
    @APIResponse(responseCode = "409", description = "Nothing to re-wrap, or a root key this instance lacks")
    public RootKeyRotation rotateRootKey(@Valid @NotNull RotationRequest request) {
        return rotations.rotateRootKey(request.reason());
    }

    @GET
    @Path("rotations")
    @Allowed({Role.DGIT_ADMIN, Role.AUDITOR})
    @Operation(operationId = "listKeyRotations",
            summary = "The latest " + ROTATIONS_LISTED + " key rotations, newest first, each with its progress")
    public List<RotationView> rotations() {
        return rotations.newest(ROTATIONS_LISTED).stream().map(this::view).toList();
    }

    @GET
    @Path("rotations/{id}")
    @Allowed({Role.DGIT_ADMIN, Role.AUDITOR})
    @Operation(operationId = "getKeyRotation", summary = "A rotation's progress")
    public RotationView rotation(@PathParam("id") String id) {
        return view(rotations.find(id).orElseThrow(() -> ProblemException.notFound("Key rotation " + id)));
    }

    @DELETE
    @Path("{version}")
    @Allowed(Role.DGIT_ADMIN)
    @PersonWithMfa
    @Operation(operationId = "retireKeyVersion",
            summary = "Retire (erase) an old key version that no stored value uses any more")
    @APIResponse(responseCode = "204", description = "Retired")
    public void retire(@PathParam("version") int version) {
        rotations.retire(version);
    }

    @GET
    @Path("audit-public-key")
    @Public
    @Produces("application/x-pem-file")
    @SecurityRequirementsSet
    @Operation(operationId = "getAuditPublicKey",
            summary = "The Ed25519 public key that verifies the audit trail's signed checkpoints (PEM)")
    public String auditPublicKey() {
        return auditKey.pem();
    }

    private RotationView view(KeyRotation rotation) {
        return RotationView.of(rotation, rotations.remaining(rotation));
    }
}
