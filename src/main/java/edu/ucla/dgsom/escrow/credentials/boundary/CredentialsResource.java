package edu.ucla.dgsom.escrow.credentials.boundary;

import edu.ucla.dgsom.escrow.accounts.control.AccountId;
import edu.ucla.dgsom.escrow.credentials.control.Credentials;
import edu.ucla.dgsom.escrow.credentials.control.RevealedCredentials;
import edu.ucla.dgsom.escrow.credentials.entity.CredentialVersion;
import edu.ucla.dgsom.escrow.problems.Problem;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import edu.ucla.dgsom.escrow.security.AnyCaller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * An official account's credential set: rotation into a new version (optimistic concurrency through If-Match and
 * the version's ETag), its history, and reveals and TOTP codes, each with a stated reason. Who may do what is decided
 * per account (docs/access.md); answers that carry a secret are never stored by caches.
 */
@Path("accounts/{id}/credentials")
@ApplicationScoped
@Tag(name = "Credentials")
@Produces(MediaType.APPLICATION_JSON)
@AnyCaller
public class CredentialsResource {

    private static final Pattern VERSION_TAG = Pattern.compile("\"([0-9]{1,9})\"");
    private static final String NO_STORE = "no-store";

    @Inject
    Credentials credentials;

    @Context
    UriInfo uriInfo;

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "rotateCredentials",
            summary = "Rotate: store the changed fields as a new version of the credential set")
    @APIResponse(responseCode = "201", description = "The new version; its ETag names it for the next rotation",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "CredentialVersionView")), headers = {
            @Header(name = HttpHeaders.ETAG,
                    description = "The current version, to send as If-Match with the next rotation",
                    schema = @Schema(type = SchemaType.STRING)),
            @Header(name = HttpHeaders.LOCATION, description = "The new version",
                    schema = @Schema(type = SchemaType.STRING, format = "uri"))})
    public Response rotate(@PathParam("id") String id,
            @Parameter(description = "The ETag of the version being replaced; \"0\" for the first set")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull CredentialChange change) {
        CredentialVersion version = credentials.rotate(new AccountId(id), replacedVersion(ifMatch),
                change.toNewSecrets(), change.reason());
        return Response.created(uriInfo.getAbsolutePathBuilder().path("versions")
                        .path(Integer.toString(version.version())).build())
                .tag(tag(version.version()))
                .entity(CredentialVersionView.of(version, version.version())).build();
    }

    @GET
    @Path("versions")
    @Operation(operationId = "listCredentialVersions",
            summary = "The versions of the credential set, newest first, without secrets")
    @APIResponse(responseCode = "200", description = "The versions",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY,
            implementation = CredentialVersionView.class)),
            headers = @Header(name = HttpHeaders.ETAG,
            description = "The current version, to send as If-Match with the next rotation",
            schema = @Schema(type = SchemaType.STRING)))
    public Response versions(@PathParam("id") String id) {
        List<CredentialVersion> versions = credentials.versions(new AccountId(id));
        int current = versions.isEmpty() ? 0 : versions.get(0).version();
        return Response.ok(versions.stream().map(v -> CredentialVersionView.of(v, current)).toList())
                .tag(tag(current)).build();
    }

    @GET
    @Path("versions/{version}")
    @Operation(operationId = "getCredentialVersion", summary = "One version of the credential set, without secrets")
    public CredentialVersionView version(@PathParam("id") String id, @PathParam("version") int version) {
        AccountId account = new AccountId(id);
        return CredentialVersionView.of(credentials.version(account, version), credentials.currentVersion(account));
    }

    @POST
    @Path("reveal")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "revealCredentials", summary = "Reveal the current credentials, stating why")
    @APIResponse(responseCode = "200", description = "The plaintext; never cached",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "RevealedCredentials")),
            headers = @Header(name = HttpHeaders.ETAG,
            description = "The current version, to send as If-Match with the next rotation",
            schema = @Schema(type = SchemaType.STRING)))
    public Response reveal(@PathParam("id") String id, @Valid @NotNull RevealRequest request) {
        RevealedCredentials revealed = credentials.revealCurrent(new AccountId(id), request.reason(),
                request.wanted());
        return Response.ok(revealed).tag(tag(revealed.version())).header(HttpHeaders.CACHE_CONTROL, NO_STORE).build();
    }

    @POST
    @Path("versions/{version}/reveal")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "revealCredentialVersion",
            summary = "Reveal an earlier version, stating why (DGIT admins and the department's owners)")
    @APIResponse(responseCode = "200", description = "The plaintext; never cached",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "RevealedCredentials")))
    public Response revealVersion(@PathParam("id") String id, @PathParam("version") int version,
            @Valid @NotNull RevealRequest request) {
        RevealedCredentials revealed = credentials.reveal(new AccountId(id), version, request.reason(),
                request.wanted());
        return Response.ok(revealed).header(HttpHeaders.CACHE_CONTROL, NO_STORE).build();
    }

    @POST
    @Path("totp")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getTotpCode", summary = "The current TOTP code (not the seed), stating why")
    @APIResponse(responseCode = "200", description = "The code; never cached",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "TotpCode")))
    public Response totp(@PathParam("id") String id, @Valid @NotNull TotpCodeRequest request) {
        return Response.ok(credentials.totpCode(new AccountId(id), request.reason())).header(HttpHeaders.CACHE_CONTROL, NO_STORE)
                .build();
    }

    private static EntityTag tag(int version) {
        return new EntityTag(Integer.toString(version));
    }

    /** The version an If-Match header names, a strong ETag such as "3" ("0" before the first set), or null. */
    private static Integer replacedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        Matcher matcher = VERSION_TAG.matcher(ifMatch.strip());
        if (!matcher.matches()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "If-Match must be one version's ETag",
                    List.of(new Problem.FieldError("If-Match", "a quoted version number such as \"3\"")));
        }
        return Integer.parseInt(matcher.group(1));
    }
}
