package edu.ucla.dgsom.escrow.policy.boundary;

import edu.ucla.dgsom.escrow.access.control.People;
import edu.ucla.dgsom.escrow.access.control.PersonDetails;
import edu.ucla.dgsom.escrow.policy.control.Attestations;
import edu.ucla.dgsom.escrow.policy.entity.Attestation;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.security.Allowed;
import edu.ucla.dgsom.escrow.security.Role;
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
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The periodic attestations of the compliance report by the departments' owners (docs/policy.md). */
@Path("attestations")
@ApplicationScoped
@Tag(name = "Compliance")
@Produces(MediaType.APPLICATION_JSON)
public class AttestationsResource {

    @Inject
    Attestations attestations;

    @Inject
    People people;

    @GET
    @Allowed({Role.DGIT_ADMIN, Role.AUDITOR, Role.DEPARTMENT_OWNER})
    @Operation(operationId = "listAttestations", summary = "Attestations, newest period first",
            description = "DGIT admins and auditors: all; department owners: their departments'.")
    public List<AttestationView> list(@QueryParam("departmentId") String departmentId,
            @QueryParam("periodId") String periodId, @QueryParam("state") String state) {
        Attestation.State wanted = state == null ? null : Arrays.stream(Attestation.State.values())
                .filter(s -> s.name().equals(state.strip().toUpperCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> ProblemException.invalidField("state", "OPEN, ESCALATED or ATTESTED"));
        return attestations.list(departmentId, periodId, wanted).stream().map(this::view).toList();
    }

    @GET
    @Path("{id}")
    @Allowed({Role.DGIT_ADMIN, Role.AUDITOR, Role.DEPARTMENT_OWNER})
    @Operation(operationId = "getAttestation", summary = "One attestation")
    public AttestationView get(@PathParam("id") String id) {
        return view(attestations.find(id));
    }

    @POST
    @Path("{id}/signature")
    @SignedInPerson
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "signAttestation", summary = "A department owner attests the report they read",
            description = "Only a person who owns the department (DGIT admins: 403; another department's owner:"
                    + " 404). The report is computed again: 409 if its digest is not reportDigest (it changed since it"
                    + " was read), 409 naming ATTESTED if the period was attested; corrections required with the"
                    + " verdict CORRECTIONS only (400). Audited as ATTESTATION_SIGN with the digests.")
    public AttestationView sign(@PathParam("id") String id, @Valid @NotNull AttestationSignature signature) {
        return view(attestations.sign(id, signature.reportDigest().toLowerCase(Locale.ROOT),
                Attestation.Verdict.valueOf(signature.verdict()), signature.corrections()));
    }

    @GET
    @Path("{id}/report")
    @Allowed({Role.DGIT_ADMIN, Role.AUDITOR, Role.DEPARTMENT_OWNER})
    @Produces("text/csv")
    @Operation(operationId = "getAttestedReport", summary = "The exact CSV attested (404 before the attestation)")
    @APIResponse(responseCode = "200", description = "The CSV; its SHA-256 is the attestation's reportDigest",
            headers = @Header(name = ComplianceResource.DIGEST_HEADER, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
    public Response report(@PathParam("id") String id) {
        return ComplianceResource.csv(attestations.report(id), "attestation-" + id + ".csv");
    }

    private AttestationView view(Attestation attestation) {
        return AttestationView.of(attestation, attestation.attestedBy() == null ? null
                : people.find(attestation.attestedBy()).map(PersonDetails::name).orElse(null));
    }
}
