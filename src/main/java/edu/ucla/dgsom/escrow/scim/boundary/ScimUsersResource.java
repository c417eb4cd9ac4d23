package edu.ucla.dgsom.escrow.scim.boundary;

import static edu.ucla.dgsom.escrow.web.SharedJsonProvider.JSON;

import edu.ucla.dgsom.escrow.access.control.PersonDetails;
import edu.ucla.dgsom.escrow.offboarding.control.Departure;
import edu.ucla.dgsom.escrow.offboarding.control.Offboardings;
import edu.ucla.dgsom.escrow.problems.Problem;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import edu.ucla.dgsom.escrow.problems.ScimError;
import edu.ucla.dgsom.escrow.scim.control.ScimChanges;
import edu.ucla.dgsom.escrow.scim.control.ScimUsers;
import edu.ucla.dgsom.escrow.security.Allowed;
import edu.ucla.dgsom.escrow.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * SCIM 2.0 Users (RFC 7644) for campus identity systems, at {@code /scim/v2/Users}. Deactivation ({@code active}
 * false, by PUT or PATCH) and DELETE start exactly the same offboarding as {@code POST /api/v1/offboardings}.
 */
@Path("scim/v2/Users")
@ApplicationScoped
@Tag(name = "SCIM")
@Produces({ScimError.MEDIA_TYPE, MediaType.APPLICATION_JSON})
@Consumes({ScimError.MEDIA_TYPE, MediaType.APPLICATION_JSON})
@Allowed({Role.HR_INTEGRATION, Role.DGIT_ADMIN})
public class ScimUsersResource {

    private static final int MAX_COUNT = 200;

    @Inject
    ScimUsers users;

    @Inject
    Offboardings offboardings;

    @Context
    UriInfo uriInfo;

    @GET
    @Operation(operationId = "listScimUsers",
            summary = "Users, optionally filtered: userName, externalId or id eq \"value\"")
    @APIResponse(responseCode = "200", description = "One page of users", content = @Content(
            mediaType = ScimError.MEDIA_TYPE, schema = @Schema(ref = "ScimListResponse")))
    public JsonObject list(@QueryParam("filter") String filter, @QueryParam("startIndex") @DefaultValue("1")
            String startIndex, @QueryParam("count") @DefaultValue("100") String count) {
        int start = number(startIndex, "startIndex");
        int size = Math.min(number(count, "count"), MAX_COUNT);
        List<PersonDetails> page = size == 0 ? List.of() : users.users(filter, Math.max(start, 1), size);
        JsonArrayBuilder resources = JSON.createArrayBuilder();
        page.forEach(p -> resources.add(document(p)));
        return JSON.createObjectBuilder().add("schemas", JSON.createArrayBuilder().add(ScimDocuments.LIST))
                .add("totalResults", users.total(filter)).add("startIndex", Math.max(start, 1))
                .add("itemsPerPage", page.size()).add("Resources", resources).build();
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getScimUser", summary = "One user")
    @APIResponse(responseCode = "200", description = "The user", content = @Content(mediaType = ScimError.MEDIA_TYPE,
            schema = @Schema(ref = "ScimUser")))
    public JsonObject get(@PathParam("id") String id) {
        return document(users.user(id));
    }

    @POST
    @Operation(operationId = "createScimUser", summary = "Create a person")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = ScimError.MEDIA_TYPE,
            schema = @Schema(ref = "ScimUser")), headers = @Header(name = "Location", description = "The new user",
            schema = @Schema(type = SchemaType.STRING, format = "uri")))
    public Response create(@RequestBody(required = true, content = @Content(mediaType = ScimError.MEDIA_TYPE,
            schema = @Schema(ref = "ScimUser"))) @NotNull JsonValue user) {
        PersonDetails person = users.create(ScimDocuments.changes(ScimDocuments.body(user)));
        return Response.created(location(person)).entity(document(person)).build();
    }

    @PUT
    @Path("{id}")
    @Operation(operationId = "replaceScimUser",
            summary = "Replace a user; active=false offboards, active=true reactivates")
    @APIResponse(responseCode = "200", description = "The user as stored", content = @Content(
            mediaType = ScimError.MEDIA_TYPE, schema = @Schema(ref = "ScimUser")))
    public JsonObject replace(@PathParam("id") String id, @RequestBody(required = true, content = @Content(
            mediaType = ScimError.MEDIA_TYPE, schema = @Schema(ref = "ScimUser"))) @NotNull JsonValue user) {
        return update(id, ScimDocuments.changes(ScimDocuments.body(user)));
    }

    @PATCH
    @Path("{id}")
    @Operation(operationId = "patchScimUser",
            summary = "Patch a user (PatchOp); active=false offboards, active=true reactivates")
    @APIResponse(responseCode = "200", description = "The user as stored", content = @Content(
            mediaType = ScimError.MEDIA_TYPE, schema = @Schema(ref = "ScimUser")))
    public JsonObject patch(@PathParam("id") String id, @RequestBody(required = true, content = @Content(
            mediaType = ScimError.MEDIA_TYPE, schema = @Schema(ref = "ScimPatchOp"))) @NotNull JsonValue patch) {
        return update(id, ScimDocuments.patch(ScimDocuments.body(patch)));
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteScimUser",
            summary = "Delete a user: offboards them; the person's record stays for the audit trail")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") String id) {
        // Offboarded first: if that fails, the user is still there for the identity system's retry.
        offboard(users.user(id));
        users.delete(id);
    }

    private JsonObject update(String id, ScimChanges changes) {
        ScimUsers.Updated updated = users.update(id, changes);
        if (updated.deactivate()) {
            offboard(updated.person());
        }
        return document(users.user(id));
    }

    /** The same offboarding as HR's native call, effective now (a case scheduled for later is brought forward). */
    private void offboard(PersonDetails person) {
        offboardings.executeIfDue(offboardings.request(Departure.now(person.employeeId())).caseId());
    }

    private JsonObject document(PersonDetails person) {
        return ScimDocuments.user(person, users.departmentCode(person), location(person));
    }

    private URI location(PersonDetails person) {
        return uriInfo.getBaseUri().resolve("/scim/v2/Users/" + person.id());
    }

    private static int number(String value, String field) {
        if (!value.matches("-?[0-9]{1,6}")) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, field + " is not a number",
                    List.of(new Problem.FieldError(field, "an integer")));
        }
        return Math.max(Integer.parseInt(value), 0);
    }
}
