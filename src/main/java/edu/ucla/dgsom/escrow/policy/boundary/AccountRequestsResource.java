package edu.ucla.dgsom.escrow.policy.boundary;

import edu.ucla.dgsom.escrow.access.control.People;
import edu.ucla.dgsom.escrow.access.control.PersonDetails;
import edu.ucla.dgsom.escrow.accounts.control.AccountFields;
import edu.ucla.dgsom.escrow.accounts.control.RequestedAccounts;
import edu.ucla.dgsom.escrow.policy.control.AccountRequests;
import edu.ucla.dgsom.escrow.policy.control.RequestFilter;
import edu.ucla.dgsom.escrow.policy.entity.AccountRequest;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.security.AnyCaller;
import edu.ucla.dgsom.escrow.security.SignedInPerson;
import edu.ucla.dgsom.escrow.web.IdempotencyKey;
import edu.ucla.dgsom.escrow.web.Idempotent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Requests for official accounts and a supervisor's decision on each (policy I.1-2); see docs/policy.md. */
@Path("account-requests")
@ApplicationScoped
@Tag(name = "Account requests")
@Produces(MediaType.APPLICATION_JSON)
public class AccountRequestsResource {

    private static final int MAX_PAGE = 200;

    @Inject
    AccountRequests requests;

    @Inject
    RequestedAccounts accounts;

    @Inject
    People people;

    @Context
    UriInfo uriInfo;

    @POST
    @SignedInPerson
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @Parameter(in = ParameterIn.HEADER, name = IdempotencyKey.HEADER, description = IdempotencyKey.DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING, maxLength = 100))
    @Operation(operationId = "requestAccount", summary = "Request an official account, or the approval after the fact"
            + " of a registered one", description = "People of the department, its owners and DGIT admins. The DGIT"
            + " Web Product Manager and the department's supervisors are told by mail. 409 if the account is"
            + " registered already (for a new one), approved already, or has a pending request; 422 naming"
            + " contentOwner or backupModerator if they are not two active people of the department.")
    @APIResponse(responseCode = "201", description = "Requested",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AccountRequestView")),
            headers = @Header(name = HttpHeaders.LOCATION, description = "Where the new resource is",
            schema = @Schema(type = SchemaType.STRING, format = "uri")))
    public Response request(@Valid @NotNull AccountRequestForm form) {
        AccountRequest request = requests.request(form.toRequest());
        return Response.created(uriInfo.getAbsolutePathBuilder().path(request.id()).build()).entity(view(request))
                .build();
    }

    @GET
    @AnyCaller
    @Operation(operationId = "listAccountRequests", summary = "The account requests the caller may read, oldest first",
            description = "DGIT admins and auditors read all; supervisors and owners their departments'; everyone"
            + " else the requests they made or are named in. Filters: departmentId, state (PENDING, APPROVED,"
            + " REJECTED, WITHDRAWN), mine=true (those the caller made); limit 1 to 200 (50).")
    public List<AccountRequestView> list(@QueryParam("departmentId") String departmentId,
            @QueryParam("state") String state, @QueryParam("mine") @DefaultValue("false") String mine,
            @QueryParam("limit") @DefaultValue("50") String pageSize) {
        int limit = pageSize.matches("[0-9]{1,4}") ? Integer.parseInt(pageSize) : -1;
        if (limit < 1 || limit > MAX_PAGE) {
            throw ProblemException.invalidField("limit", "between 1 and " + MAX_PAGE);
        }
        if (!mine.equals("true") && !mine.equals("false")) {
            throw ProblemException.invalidField("mine", "true or false");
        }
        RequestFilter filter = new RequestFilter(departmentId, state == null ? null
                : AccountFields.named("state", state, AccountRequest.State.class),
                mine.equals("true") ? RequestFilter.Mine.ONLY : RequestFilter.Mine.ANY);
        return requests.list(filter, limit).stream().map(this::view).toList();
    }

    @GET
    @Path("{id}")
    @AnyCaller
    @Operation(operationId = "getAccountRequest", summary = "One account request")
    public AccountRequestView get(@PathParam("id") String id) {
        return view(requests.find(id));
    }

    @POST
    @Path("{id}/approval")
    @SignedInPerson
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "approveAccountRequest", summary = "Approve a request: a supervisor of its department,"
            + " not the requester", description = "A new account is registered APPROVED (not yet escrowed) and"
            + " becomes ACTIVE at its first escrow; a registered one gains its approval and the request's holders."
            + " A content owner below 0.25 FTE needs acknowledgeLowFte: true (else 422). 409 naming the state if"
            + " the request is not PENDING.")
    public AccountRequestView approve(@PathParam("id") String id, @Valid @NotNull RequestDecision decision) {
        return view(requests.approve(id, new AccountRequest.Decision(decision.comment().strip(),
                Boolean.TRUE.equals(decision.acknowledgeLowFte()))));
    }

    @POST
    @Path("{id}/rejection")
    @SignedInPerson
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "rejectAccountRequest", summary = "Reject a request, with a comment: a supervisor of its"
            + " department, not the requester")
    public AccountRequestView reject(@PathParam("id") String id, @Valid @NotNull RequestDecision decision) {
        if (decision.acknowledgeLowFte() != null) {
            throw ProblemException.invalidField("acknowledgeLowFte", "only for an approval");
        }
        return view(requests.reject(id, new AccountRequest.Decision(decision.comment().strip(), false)));
    }

    @POST
    @Path("{id}/withdrawal")
    @SignedInPerson
    @Operation(operationId = "withdrawAccountRequest", summary = "Withdraw one's own pending request")
    public AccountRequestView withdraw(@PathParam("id") String id) {
        return view(requests.withdraw(id));
    }

    private AccountRequestView view(AccountRequest request) {
        return AccountRequestView.of(request, id -> people.find(id).map(PersonDetails::name).orElse(null),
                request.accountId() == null ? null : accounts.statusOf(request.accountId()));
    }
}
