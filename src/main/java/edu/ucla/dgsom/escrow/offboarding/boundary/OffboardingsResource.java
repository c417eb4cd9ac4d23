package edu.ucla.dgsom.escrow.offboarding.boundary;

import edu.ucla.dgsom.escrow.offboarding.control.Departure;
import edu.ucla.dgsom.escrow.offboarding.control.OffboardingFilter;
import edu.ucla.dgsom.escrow.offboarding.control.Offboardings;
import edu.ucla.dgsom.escrow.offboarding.entity.OffboardingCase;
import edu.ucla.dgsom.escrow.offboarding.entity.OffboardingItem;
import edu.ucla.dgsom.escrow.problems.Problem;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import edu.ucla.dgsom.escrow.security.Allowed;
import edu.ucla.dgsom.escrow.security.AnyCaller;
import edu.ucla.dgsom.escrow.security.Role;
import edu.ucla.dgsom.escrow.web.IdempotencyKey;
import edu.ucla.dgsom.escrow.web.StorableInstant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * HR's offboarding API: one call ends a person's access and hands everything they held on (docs/offboarding.md).
 * Idempotent by the {@code Idempotency-Key} header or HR's reference. A case due now is executed before the answer.
 */
@Path("offboardings")
@ApplicationScoped
@Tag(name = "Offboarding")
@Produces(MediaType.APPLICATION_JSON)
public class OffboardingsResource {


    @Inject
    Offboardings offboardings;

    @Context
    UriInfo uriInfo;

    @POST
    @Allowed({Role.HR_INTEGRATION, Role.HR_STAFF, Role.DGIT_ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "requestOffboarding", summary = "Offboard a workforce member, now or at a scheduled time")
    @APIResponse(responseCode = "202", description = "A new case; it is executed at its effective time",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "OffboardingView")), headers = @Header(name = HttpHeaders.LOCATION,
            description = "The case", schema = @Schema(type = SchemaType.STRING, format = "uri")))
    @APIResponse(responseCode = "200", description = "The case this request, or the person's offboarding, already has",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "OffboardingView")), headers = @Header(name = HttpHeaders.LOCATION,
            description = "The case", schema = @Schema(type = SchemaType.STRING, format = "uri")))
    public Response request(@HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
            @Valid @NotNull OffboardingRequest request) {
        Offboardings.Requested requested = offboardings.request(new Departure(request.employeeId(),
                instant("effectiveAt", request.effectiveAt()), blankToNull(request.successorId()),
                blankToNull(request.hrReference()),
                IdempotencyKey.ofHeader(idempotencyKey).map(IdempotencyKey::value).orElse(null)));
        String id = requested.offboarding().id();
        // A new case due now, or a pending one this request brought forward to now.
        offboardings.executeIfDue(id);
        OffboardingView view = view(offboardings.offboarding(id), offboardings.items(id));
        return (requested.created() ? Response.accepted(view) : Response.ok(view))
                .location(uriInfo.getAbsolutePathBuilder().path(id).build()).build();
    }

    @GET
    @Allowed({Role.HR_INTEGRATION, Role.HR_STAFF, Role.DGIT_ADMIN, Role.AUDITOR})
    @Operation(operationId = "listOffboardings", summary = "Offboarding cases, newest first, filtered",
            description = "Filters (all optional, combined with AND): state (one state or a comma-separated list,"
            + " e.g. SCHEDULED,ACCESS_ENDED,IN_PROGRESS), departmentId (the leaver's department when the case was"
            + " requested), dueBefore (an ISO-8601 instant: cases still scheduled to run before it, or with an open"
            + " item due before it) and employeeId. An unknown state or a malformed instant is a 400"
            + " validation-failed naming the parameter.")
    public List<OffboardingView> list(@QueryParam("state") String state,
            @QueryParam("departmentId") String departmentId, @QueryParam("dueBefore") String dueBefore,
            @QueryParam("employeeId") String employeeId, @QueryParam("limit") @DefaultValue("50") String pageSize) {
        int limit = pageSize.matches("[0-9]{1,3}") ? Integer.parseInt(pageSize) : -1;
        if (limit < 1 || limit > 200) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The page size is out of range",
                    List.of(new Problem.FieldError("limit", "between 1 and 200")));
        }
        OffboardingFilter filter = new OffboardingFilter(states(state), blankToNull(departmentId),
                instant("dueBefore", dueBefore), employeeId);
        return offboardings.list(filter, limit).stream()
                .map(c -> view(c, offboardings.items(c.id()))).toList();
    }

    @GET
    @Path("handovers")
    @AnyCaller
    @Operation(operationId = "listHandoversToConfirm",
            summary = "The hand-overs that await the caller's confirmation, oldest case first",
            description = "Open items naming the signed-in person as an account's new holder and, for a DGIT admin,"
            + " those addressed to DGIT (ACCOUNT_TO_DGIT, NO_DGIT_ADMIN_LEFT). Confirm one at"
            + " /offboardings/{caseId}/items/{itemId}/confirmation. An API token awaits nothing: an empty list.")
    public List<HandoverView> handovers() {
        return offboardings.awaitingConfirmation().stream().map(HandoverView::of).toList();
    }

    @GET
    @Path("{id}")
    @Allowed({Role.HR_INTEGRATION, Role.HR_STAFF, Role.DGIT_ADMIN, Role.AUDITOR})
    @Operation(operationId = "getOffboarding", summary = "One case with every step and item")
    public OffboardingView get(@PathParam("id") String id) {
        return view(offboardings.offboarding(id), offboardings.items(id));
    }

    @POST
    @Path("{id}/items/{itemId}/confirmation")
    @AnyCaller
    @Operation(operationId = "confirmHandover",
            summary = "Confirm a hand-over (the new holder or a DGIT admin); the case with the caller's items")
    public OffboardingView confirm(@PathParam("id") String id, @PathParam("itemId") String itemId) {
        offboardings.confirm(id, itemId);
        return view(offboardings.offboarding(id), offboardings.itemsFor(id));
    }

    private OffboardingView view(OffboardingCase offboarding, List<OffboardingItem> items) {
        return OffboardingView.of(offboarding, items, offboardings.accountNames(items));
    }

    /** One state or a comma-separated list of them; none is any state. */
    private static Set<OffboardingCase.State> states(String text) {
        Set<OffboardingCase.State> states = EnumSet.noneOf(OffboardingCase.State.class);
        if (text == null) {
            return states;
        }
        for (String name : text.split(",", -1)) {
            try {
                states.add(OffboardingCase.State.valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ProblemException(ProblemType.VALIDATION_FAILED, "Unknown state",
                        List.of(new Problem.FieldError("state", "SCHEDULED, ACCESS_ENDED, IN_PROGRESS or COMPLETED,"
                                + " or several of them separated by commas")));
            }
        }
        return states;
    }

    private static Instant instant(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            Instant instant = Instant.parse(text.strip());
            if (StorableInstant.storable(instant)) {
                return instant;
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        throw new ProblemException(ProblemType.VALIDATION_FAILED, field + " is not an instant",
                List.of(new Problem.FieldError(field, "an ISO-8601 instant, e.g. 2026-12-01T17:00:00Z")));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
