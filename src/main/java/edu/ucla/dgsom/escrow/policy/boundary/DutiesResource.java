package edu.ucla.dgsom.escrow.policy.boundary;

import edu.ucla.dgsom.escrow.access.control.People;
import edu.ucla.dgsom.escrow.access.control.PersonDetails;
import edu.ucla.dgsom.escrow.accounts.control.Holdings;
import edu.ucla.dgsom.escrow.policy.control.Duties;
import edu.ucla.dgsom.escrow.policy.entity.HolderDuty;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.security.AnyCaller;
import edu.ucla.dgsom.escrow.security.SignedInPerson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The duties of content owners and backup moderators (policy I.2) and their acknowledgement; see docs/policy.md. */
@Path("duties")
@ApplicationScoped
@Tag(name = "Duties")
@Produces(MediaType.APPLICATION_JSON)
public class DutiesResource {

    @Inject
    Duties duties;

    @Inject
    People people;

    @Inject
    Holdings holdings;

    @GET
    @Path("policy")
    @AnyCaller
    @Operation(operationId = "getPolicyDuties", summary = "The duties a holder acknowledges, in the policy's words,"
            + " and the policy version to name when acknowledging them")
    public PolicyDutiesView policy() {
        return new PolicyDutiesView(duties.policyVersion(), duties.acknowledgeWithin().toDays(), Duties.TEXT);
    }

    @GET
    @AnyCaller
    @Operation(operationId = "listDuties", summary = "Holders' duties, newest first", description = "With accountId:"
            + " the duties of that account's holders, present and past (none if the caller may not read the account)."
            + " With personId: that person's (themselves, DGIT admins and auditors). Without either: the caller's own"
            + " (none for a system's token).")
    public List<DutyView> list(@QueryParam("personId") String personId, @QueryParam("accountId") String accountId) {
        if (personId != null && accountId != null) {
            throw ProblemException.invalidField("accountId", "name a person or an account, not both");
        }
        List<HolderDuty> found = accountId != null ? duties.ofAccount(accountId)
                : personId != null ? duties.ofPerson(personId) : duties.mine();
        Instant now = Instant.now();
        return found.stream().map(duty -> view(duty, now)).toList();
    }

    @POST
    @Path("{id}/acknowledgement")
    @SignedInPerson
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "acknowledgeDuty", summary = "The holder acknowledges the duties of the current policy"
            + " version", description = "Only the holder; 409 naming the state if the duty was acknowledged or has"
            + " ended; 422 on policyVersion if it is not the current one (read it again at /duties/policy).")
    public DutyView acknowledge(@PathParam("id") String id, @Valid @NotNull DutyAcknowledgement acknowledgement) {
        return view(duties.acknowledge(id, acknowledgement.policyVersion().strip()), Instant.now());
    }

    private DutyView view(HolderDuty duty, Instant now) {
        return DutyView.of(duty, holdings.describe(duty.accountId()), people.find(duty.personId())
                .map(PersonDetails::name).orElse(null), duties.acknowledgeWithin(), now);
    }
}
