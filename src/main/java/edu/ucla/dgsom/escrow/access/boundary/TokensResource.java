package edu.ucla.dgsom.escrow.access.boundary;

import edu.ucla.dgsom.escrow.access.control.ApiTokens;
import edu.ucla.dgsom.escrow.security.Allowed;
import edu.ucla.dgsom.escrow.security.PersonWithMfa;
import edu.ucla.dgsom.escrow.security.Role;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** API tokens for systems (HR's system, scripts), administered by DGIT; only DGIT admin people make them. */
@Path("tokens")
@ApplicationScoped
@Tag(name = "Tokens")
@Produces(MediaType.APPLICATION_JSON)
@Allowed(Role.DGIT_ADMIN)
public class TokensResource {

    @Inject
    ApiTokens tokens;

    @Context
    UriInfo uriInfo;

    @POST
    @PersonWithMfa
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createToken", summary = "Create a token; its secret is in this answer only")
    @APIResponse(responseCode = "201", description = "Created; the only answer that carries the token",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "TokenView")),
            headers = @Header(name = HttpHeaders.LOCATION, description = "Where the new resource is",
            schema = @Schema(type = SchemaType.STRING, format = "uri")))
    public Response create(@Valid @NotNull TokenRequest request) {
        ApiTokens.Created created = tokens.create(request.name(), request.role(), request.departmentId(),
                request.expiresAt());
        return Response.created(uriInfo.getAbsolutePathBuilder().path(created.token().id()).build())
                .entity(TokenView.of(created.token(), created.secret())).build();
    }

    @GET
    @Operation(operationId = "listTokens", summary = "Every token, without secrets")
    public List<TokenView> list() {
        return tokens.all().stream().map(t -> TokenView.of(t, null)).toList();
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getToken", summary = "One token, without its secret")
    public TokenView get(@PathParam("id") String id) {
        return TokenView.of(tokens.find(id), null);
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "revokeToken", summary = "Revoke a token at once")
    @APIResponse(responseCode = "204", description = "Revoked")
    public void revoke(@PathParam("id") String id) {
        tokens.revoke(id);
    }
}
