package edu.ucla.dgsom.escrow.access.boundary;

import edu.ucla.dgsom.escrow.access.control.Directory;
import edu.ucla.dgsom.escrow.access.entity.Person;
import edu.ucla.dgsom.escrow.access.entity.RoleGrant;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * People and their roles: DGIT administers them; department owners read their departments', auditors and HR's staff
 * (who offboard anyone) everyone's.
 */
@Path("people")
@ApplicationScoped
@Tag(name = "People")
@Produces(MediaType.APPLICATION_JSON)
public class PeopleResource {

    @Inject
    Directory directory;

    @Context
    UriInfo uriInfo;

    @POST
    @Allowed(Role.DGIT_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createPerson", summary = "Create a person, optionally with a sign-in")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "PersonView")),
            headers = @Header(name = HttpHeaders.LOCATION, description = "Where the new resource is",
            schema = @Schema(type = SchemaType.STRING, format = "uri")))
    public Response create(@Valid @NotNull PersonRequest request) {
        char[] password = request.signIn() == null ? null : request.signIn().initialPassword().toCharArray();
        try {
            Person person = directory.createPerson(request.employeeId(), request.name(), request.email(),
                    request.departmentId(), request.signIn() == null ? null : request.signIn().username(), password);
            return Response.created(uriInfo.getAbsolutePathBuilder().path(person.id()).build()).entity(view(person))
                    .build();
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    @GET
    @Allowed({Role.DGIT_ADMIN, Role.AUDITOR, Role.DEPARTMENT_OWNER, Role.HR_STAFF})
    @Operation(operationId = "listPeople", summary = "The people the caller may see")
    public List<PersonView> list() {
        return directory.people().stream().map(this::view).toList();
    }

    @GET
    @Path("{id}")
    @Allowed({Role.DGIT_ADMIN, Role.AUDITOR, Role.DEPARTMENT_OWNER, Role.HR_STAFF})
    @Operation(operationId = "getPerson", summary = "One person")
    public PersonView get(@PathParam("id") String id) {
        return view(directory.person(id));
    }

    @PUT
    @Path("{id}/sign-in")
    @Allowed(Role.DGIT_ADMIN)
    @PersonWithMfa
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setUpSignIn",
            summary = "Set up a sign-in for a person who has none (e.g. reactivated after offboarding)")
    @APIResponse(responseCode = "201", description = "Set up; the initial password must be changed at first sign-in",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "PersonView")), headers = @Header(name = HttpHeaders.LOCATION,
            description = "The sign-in", schema = @Schema(type = SchemaType.STRING, format = "uri")))
    public Response setUpSignIn(@PathParam("id") String id, @Valid @NotNull PersonRequest.SignInSetup request) {
        char[] password = request.initialPassword().toCharArray();
        try {
            directory.setUpSignIn(id, request.username(), password);
            return Response.created(uriInfo.getAbsolutePath()).entity(view(directory.person(id))).build();
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    @POST
    @Path("{id}/roles")
    @Allowed(Role.DGIT_ADMIN)
    @PersonWithMfa
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "grantRole", summary = "Grant a role")
    @APIResponse(responseCode = "201", description = "Granted",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "GrantView")),
            headers = @Header(name = HttpHeaders.LOCATION, description = "Where the new resource is",
            schema = @Schema(type = SchemaType.STRING, format = "uri")))
    public Response grant(@PathParam("id") String id, @Valid @NotNull GrantRequest request) {
        RoleGrant grant = directory.grant(id, request.role(), request.departmentId());
        return Response.created(uriInfo.getAbsolutePathBuilder().path(grant.id()).build()).entity(GrantView.of(grant))
                .build();
    }

    @DELETE
    @Path("{id}/roles/{grantId}")
    @Allowed(Role.DGIT_ADMIN)
    @PersonWithMfa
    @Operation(operationId = "revokeRole", summary = "Revoke a role grant")
    @APIResponse(responseCode = "204", description = "Revoked")
    public void revoke(@PathParam("id") String id, @PathParam("grantId") String grantId) {
        directory.revoke(id, grantId);
    }

    private PersonView view(Person person) {
        return PersonView.of(person, directory.signInOf(person.id()).orElse(null), directory.grantsOf(person.id()));
    }
}
