package edu.ucla.dgsom.escrow.policy.boundary;

import edu.ucla.dgsom.escrow.policy.control.ComplianceReports;
import edu.ucla.dgsom.escrow.policy.control.Duties;
import edu.ucla.dgsom.escrow.policy.entity.ComplianceReport;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.security.Allowed;
import edu.ucla.dgsom.escrow.security.Role;
import edu.ucla.dgsom.escrow.security.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The compliance report (docs/policy.md), as JSON or as its canonical CSV. */
@Path("compliance")
@ApplicationScoped
@Tag(name = "Compliance")
public class ComplianceResource {

    /** The CSV's SHA-256, the digest an attestation names. */
    static final String DIGEST_HEADER = "X-Report-Digest";

    @Inject
    ComplianceReports reports;

    @Inject
    Duties duties;

    @GET
    @Path("report")
    @Allowed({Role.DGIT_ADMIN, Role.AUDITOR, Role.DEPARTMENT_OWNER})
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(operationId = "getComplianceReport", summary = "The compliance report of the school or a department",
            description = "DGIT admins and auditors: the whole school, or the department named. Department owners:"
                    + " one department they own (400 without departmentId, 404 for another's). Every account but the"
                    + " retired ones, a row of checks each PASS, FAIL, PENDING or UNKNOWN with a finding. format=csv"
                    + " answers the canonical CSV with its SHA-256 in X-Report-Digest; the JSON's digest is the same.")
    @APIResponse(responseCode = "200", description = "The report", headers = @Header(name = DIGEST_HEADER,
            description = "SHA-256 of the CSV, hex (format=csv)", schema = @Schema(type = SchemaType.STRING)),
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ComplianceReportView.class)),
                @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING))})
    public Response report(@QueryParam("departmentId") String departmentId,
            @QueryParam("format") @DefaultValue("json") String format) {
        if (!"json".equals(format) && !"csv".equals(format)) {
            throw ProblemException.invalidField("format", "json or csv");
        }
        String department = departmentId == null || departmentId.isBlank() ? null : departmentId.strip();
        if (department != null && !department.matches("[0-9A-Za-z-]{1,36}")) {
            throw ProblemException.invalidField("departmentId", "a department's id");
        }
        ComplianceReport report = reports.report(department);
        if ("json".equals(format)) {
            return Response.ok(ComplianceReportView.of(department, report, duties.policyVersion()),
                    MediaType.APPLICATION_JSON_TYPE).build();
        }
        return csv(report.csv(), "compliance-report" + (department == null ? "" : "-" + department) + ".csv");
    }

    /** A CSV answer with its digest, as the report and an attestation's stored report are served. */
    static Response csv(byte[] csv, String filename) {
        return Response.ok(csv, "text/csv; charset=utf-8")
                .header(DIGEST_HEADER, Secrets.sha256Hex(csv))
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"").build();
    }
}
