package edu.ucla.dgsom.escrow.accounts.boundary;

import static edu.ucla.dgsom.escrow.web.SharedJsonProvider.JSON;

import edu.ucla.dgsom.escrow.accounts.control.AccountCursor;
import edu.ucla.dgsom.escrow.accounts.control.AccountFields;
import edu.ucla.dgsom.escrow.accounts.control.AccountFilter;
import edu.ucla.dgsom.escrow.accounts.control.AccountId;
import edu.ucla.dgsom.escrow.accounts.control.AccountLifecycle;
import edu.ucla.dgsom.escrow.accounts.control.AccountSort;
import edu.ucla.dgsom.escrow.accounts.control.Accounts;
import edu.ucla.dgsom.escrow.accounts.control.RotationIntervals;
import edu.ucla.dgsom.escrow.accounts.control.RotationSettings;
import edu.ucla.dgsom.escrow.accounts.entity.OfficialAccount;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.security.Allowed;
import edu.ucla.dgsom.escrow.security.AnyCaller;
import edu.ucla.dgsom.escrow.security.Role;
import edu.ucla.dgsom.escrow.web.IdempotencyKey;
import edu.ucla.dgsom.escrow.web.Idempotent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonReader;
import jakarta.json.bind.Jsonb;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Providers;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The registry of official accounts. Metadata only: credentials have their own resource. Who sees which account is
 * decided per account (docs/access.md); an account the caller may not see is "not found".
 */
@Path("accounts")
@ApplicationScoped
@Tag(name = "Accounts")
@Produces(MediaType.APPLICATION_JSON)
public class AccountsResource {

    private static final int MAX_PAGE = 200;

    @Inject
    Accounts accounts;

    @Inject
    AccountLifecycle lifecycle;

    @Context
    UriInfo uriInfo;

    @Context
    Providers providers;

    @Inject
    Validator validator;

    @Inject
    RotationIntervals rotationIntervals;

    @Inject
    RotationSettings rotationSettings;

    @POST
    @Allowed({Role.DGIT_ADMIN, Role.DEPARTMENT_OWNER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @Parameter(in = ParameterIn.HEADER, name = IdempotencyKey.HEADER, description = IdempotencyKey.DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING, maxLength = 100))
    @Operation(operationId = "createAccount", summary = "Register an official account of a department")
    @APIResponse(responseCode = "201", description = "Registered",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "AccountView")),
            headers = @Header(name = HttpHeaders.LOCATION, description = "Where the new resource is",
            schema = @Schema(type = SchemaType.STRING, format = "uri")))
    public Response create(@Valid @NotNull AccountRequest request) {
        OfficialAccount account = accounts.create(request.toNewAccount());
        return Response.created(uriInfo.getAbsolutePathBuilder().path(account.id()).build())
                .entity(view(account)).build();
    }

    @GET
    @AnyCaller
    @Operation(operationId = "listAccounts", summary = "The official accounts the caller may see, a page at a time",
            description = "Filters (all optional, combined with AND): department, platform, status, owner (content"
            + " owner id), moderator (backup moderator id), holder (a person id that is the content owner or the"
            + " backup moderator), text (in handle, display name or platform name), rotation and backup."
            + " rotation=DUE: the credentials must be rotated (rotationRequiredSince is set; an offboarding sets it"
            + " together with rotationDueAt, a few days ahead, and a rotation clears both), overdue ones included."
            + " rotation=OVERDUE: rotationDueAt has passed. backup=MISSING: the backup moderator named is no longer"
            + " active (an offboarding found nobody to take the place). sort: displayName (default), platform,"
            + " department, status, rotationDueAt or updatedAt, with a leading - for descending; ties go by id, and"
            + " accounts without a rotationDueAt come last either way. Paging: pass nextAfter as after, with the"
            + " same filters and sort; the cursor is opaque. An unknown value, a malformed cursor or one from"
            + " another sort is a 400 validation-failed naming the parameter.")
    public AccountPage list(@QueryParam("department") String department, @QueryParam("platform") String platform,
            @QueryParam("status") String status, @QueryParam("owner") String owner,
            @QueryParam("moderator") String moderator, @QueryParam("holder") String holder,
            @QueryParam("rotation") String rotation, @QueryParam("backup") String backup,
            @QueryParam("text") String text, @QueryParam("sort") String sortBy, @QueryParam("after") String after,
            @QueryParam("limit") @DefaultValue("50") String pageSize) {
        int limit = AccountFields.limit(pageSize, MAX_PAGE);
        AccountSort sort = sortBy == null ? AccountSort.DEFAULT : AccountSort.parse(sortBy)
                .orElseThrow(() -> ProblemException.invalidField("sort", "one of " + AccountSort.names()));
        AccountCursor cursor = after == null ? null : AccountCursor.decode(after, sort)
                .orElseThrow(() -> ProblemException.invalidField("after", "not a cursor (nextAfter) of a previous"
                        + " page in this sort"));
        AccountFilter filter = new AccountFilter(department, platform == null ? null
                : AccountFields.platform(platform), status == null ? null : AccountFields.status(status), owner,
                moderator, holder, rotation == null ? null : AccountFields.named("rotation", rotation,
                AccountFilter.Rotation.class), backup == null ? null : AccountFields.named("backup", backup,
                AccountFilter.Backup.class), text);
        List<OfficialAccount> page = accounts.list(filter, sort, cursor, limit + 1);
        List<AccountView> items = page.stream().limit(limit).map(this::view).toList();
        return new AccountPage(items, page.size() > limit
                ? AccountCursor.after(page.get(limit - 1), sort).encode() : null);
    }

    @GET
    @Path("{id}")
    @AnyCaller
    @Operation(operationId = "getAccount", summary = "One official account")
    public AccountView get(@PathParam("id") String id) {
        return view(accounts.account(new AccountId(id)));
    }

    @PATCH
    @Path("{id}")
    @Allowed({Role.DGIT_ADMIN, Role.DEPARTMENT_OWNER})
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(operationId = "updateAccount",
            summary = "Change an account's metadata, or reassign its content owner and backup moderator")
    public AccountView update(@PathParam("id") String id, @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AccountChange")),
            @Content(mediaType = "application/merge-patch+json",
                    schema = @Schema(ref = "AccountChange"))}) String patch) {
        // Read as JSON first: JSON-B alone cannot tell a null (clear) from an absent field (keep).
        AccountChange change;
        try (JsonReader reader = JSON.createReader(new StringReader(patch))) {
            change = AccountChange.fromMergePatch(reader.readObject(), providers.getContextResolver(Jsonb.class,
                    MediaType.APPLICATION_JSON_TYPE).getContext(AccountChange.class));
        }
        Set<ConstraintViolation<AccountChange>> violations = validator.validate(change);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return view(accounts.update(new AccountId(id), change.toEdit()));
    }

    @PUT
    @Path("{id}/rotation-interval")
    @Allowed({Role.DGIT_ADMIN, Role.DEPARTMENT_OWNER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setRotationInterval", summary = "Give an account its own rotation interval",
            description = "days: 1 to 730; reason: why (audited). The next due date is the last rotation of the"
            + " password or TOTP seed plus the interval. DGIT admins and the department's owners, as for changing"
            + " the account.")
    public AccountView setRotationInterval(@PathParam("id") String id,
            @Valid @NotNull RotationIntervalRequest request) {
        return view(rotationIntervals.set(new AccountId(id), request.days(), request.reason()));
    }

    @DELETE
    @Path("{id}/rotation-interval")
    @Allowed({Role.DGIT_ADMIN, Role.DEPARTMENT_OWNER})
    @Operation(operationId = "clearRotationInterval",
            summary = "Drop an account's own rotation interval: its platform's or the global default applies again")
    public AccountView clearRotationInterval(@PathParam("id") String id) {
        return view(rotationIntervals.clear(new AccountId(id)));
    }

    private AccountView view(OfficialAccount account) {
        return AccountView.of(account, rotationSettings.intervalOf(account));
    }

    @POST
    @Path("{id}/suspension")
    @Allowed(Role.DGIT_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "suspendAccount", summary = "Suspend an account (policy II): from now only DGIT admins"
            + " reveal, rotate or change it", description = "Holders and department owners are told by mail."
            + " rotateCredentials: true flags every credential for rotation now. Only a REQUESTED, APPROVED or"
            + " ACTIVE account can be suspended; otherwise 409 naming its status in currentState.")
    public AccountView suspend(@PathParam("id") String id, @Valid @NotNull StatusChange change) {
        return view(lifecycle.suspend(new AccountId(id), change.reason(),
                Boolean.TRUE.equals(change.rotateCredentials()) ? AccountLifecycle.Rotation.REQUIRE_NOW
                        : AccountLifecycle.Rotation.KEEP));
    }

    @POST
    @Path("{id}/reinstatement")
    @Allowed(Role.DGIT_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "reinstateAccount", summary = "End an account's suspension: it returns to the status"
            + " the suspension interrupted", description = "Only a SUSPENDED account; otherwise 409 naming its status.")
    public AccountView reinstate(@PathParam("id") String id, @Valid @NotNull StatusChange change) {
        requireNoRotation(change);
        return view(lifecycle.reinstate(new AccountId(id), change.reason()));
    }

    @POST
    @Path("{id}/retirement")
    @Allowed(Role.DGIT_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "retireAccount", summary = "Retire an account: access ends for everyone but DGIT"
            + " (auditors still read it); its credentials, versions and audit history are kept")
    public AccountView retire(@PathParam("id") String id, @Valid @NotNull StatusChange change) {
        requireNoRotation(change);
        return view(lifecycle.retire(new AccountId(id), change.reason()));
    }

    private static void requireNoRotation(StatusChange change) {
        if (change.rotateCredentials() != null) {
            throw ProblemException.invalidField("rotateCredentials", "only for a suspension");
        }
    }

    @POST
    @Path("{id}/content-actions")
    @Allowed(Role.DGIT_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @Parameter(in = ParameterIn.HEADER, name = IdempotencyKey.HEADER, description = IdempotencyKey.DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING, maxLength = 100))
    @Operation(operationId = "recordContentAction", summary = "Log what DGIT did on the platform itself (a removed"
            + " post, a changed bio) on the account, as text")
    @APIResponse(responseCode = "201", description = "Logged",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ContentActionView")))
    public Response recordContentAction(@PathParam("id") String id, @Valid @NotNull ContentActionRequest request) {
        if (request.takenAt() != null && request.takenAt().isAfter(Instant.now())) {
            throw ProblemException.invalidField("takenAt", "not in the future");
        }
        ContentActionView view = ContentActionView.of(lifecycle.recordContentAction(new AccountId(id),
                request.description().strip(), request.takenAt()));
        return Response.created(uriInfo.getAbsolutePathBuilder().path(view.id()).build()).entity(view).build();
    }

    @GET
    @Path("{id}/content-actions/{actionId}")
    @AnyCaller
    @Operation(operationId = "getContentAction", summary = "One content action logged on the account")
    public ContentActionView contentAction(@PathParam("id") String id, @PathParam("actionId") String actionId) {
        return lifecycle.contentActions(new AccountId(id)).stream().filter(action -> action.id().equals(actionId))
                .findFirst().map(ContentActionView::of)
                .orElseThrow(() -> ProblemException.notFound("Content action " + actionId));
    }

    @GET
    @Path("{id}/content-actions")
    @AnyCaller
    @Operation(operationId = "listContentActions", summary = "The content actions DGIT logged on the account,"
            + " newest first")
    public List<ContentActionView> contentActions(@PathParam("id") String id) {
        return lifecycle.contentActions(new AccountId(id)).stream().map(ContentActionView::of).toList();
    }
}
