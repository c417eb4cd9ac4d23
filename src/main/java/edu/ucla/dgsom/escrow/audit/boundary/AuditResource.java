package edu.ucla.dgsom.escrow.audit.boundary;

import edu.ucla.dgsom.escrow.audit.control.AuditAction;
import edu.ucla.dgsom.escrow.audit.control.AuditRecords;
import edu.ucla.dgsom.escrow.audit.control.AuditTrail;
import edu.ucla.dgsom.escrow.audit.control.Outcome;
import edu.ucla.dgsom.escrow.problems.Problem;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import edu.ucla.dgsom.escrow.security.Allowed;
import edu.ucla.dgsom.escrow.security.Role;
import edu.ucla.dgsom.escrow.web.StorableInstant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit trail: query, streamed export and verification. Auditors and DGIT see all; owners their departments'. */
@Path("audit")
@ApplicationScoped
@Tag(name = "Audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private static final int MAX_PAGE = 500;

    @Inject
    AuditRecords records;

    @Inject
    AuditTrail audit;

    @GET
    @Path("events")
    @Allowed({Role.DGIT_ADMIN, Role.AUDITOR, Role.DEPARTMENT_OWNER})
    @Operation(operationId = "listAuditEvents",
            summary = "Audit entries, newest first, filtered; keyset pagination with before")
    public AuditPage events(@QueryParam("actor") String actor, @QueryParam("action") String action,
            @QueryParam("targetType") String targetType, @QueryParam("targetId") String targetId,
            @QueryParam("department") String department, @QueryParam("outcome") String outcome,
            @QueryParam("requestId") String requestId,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("before") String beforeSeq,
            @QueryParam("limit") @DefaultValue("100") String pageSize) {
        List<Problem.FieldError> errors = new ArrayList<>();
        // Numbers are read here rather than by JAX-RS, which answers 404 to a query parameter it cannot convert.
        Long before = null;
        if (beforeSeq != null) {
            before = beforeSeq.matches("[0-9]{1,18}") ? Long.valueOf(beforeSeq) : null;
            if (before == null || before < 1) {
                errors.add(new Problem.FieldError("before", "a sequence number of 1 or more, from nextBefore"));
            }
        }
        int limit = pageSize.matches("[0-9]{1,4}") ? Integer.parseInt(pageSize) : -1;
        if (action != null && Arrays.stream(AuditAction.values()).noneMatch(a -> a.name().equals(action))) {
            errors.add(new Problem.FieldError("action", "unknown action"));
        }
        if (outcome != null && Arrays.stream(Outcome.values()).noneMatch(o -> o.name().equals(outcome))) {
            errors.add(new Problem.FieldError("outcome", "one of ALLOWED, DENIED, FAILED"));
        }
        if (limit < 1 || limit > MAX_PAGE) {
            errors.add(new Problem.FieldError("limit", "between 1 and " + MAX_PAGE));
        }
        Instant fromTime = instant("from", from, errors);
        Instant toTime = instant("to", to, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Invalid query parameters", errors);
        }
        AuditRecords.Page page = records.events(new AuditRecords.Filter(actor, action, targetType, targetId, department,
                outcome, requestId, fromTime, toTime), before, limit);
        List<AuditEntryView> items = new ArrayList<>(page.entries().size());
        for (int i = 0; i < page.entries().size(); i++) {
            items.add(AuditEntryView.of(page.entries().get(i), page.hashes().get(i)));
        }
        return new AuditPage(items, page.nextBefore());
    }

    @GET
    @Path("export")
    @Allowed({Role.DGIT_ADMIN, Role.AUDITOR})
    @Produces({"application/x-ndjson", "text/csv"})
    @Operation(operationId = "exportAuditEvents",
            summary = "Stream the entries of a time range with their hashes and checkpoints (jsonl or csv)")
    @APIResponse(responseCode = "200", description = "One entry or checkpoint a line (jsonl) or a CSV file", content = {
            @Content(mediaType = "application/x-ndjson", schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING))})
    public Response export(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("format") @DefaultValue("jsonl") String format) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Instant fromTime = instant("from", from, errors);
        Instant toTime = instant("to", to, errors);
        if (!"jsonl".equals(format) && !"csv".equals(format)) {
            errors.add(new Problem.FieldError("format", "jsonl or csv"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Invalid query parameters", errors);
        }
        audit.record(AuditAction.AUDIT_EXPORT, null, Outcome.ALLOWED, null, Map.of("format", format,
                "from", String.valueOf(from), "to", String.valueOf(to)));
        boolean csv = "csv".equals(format);
        StreamingOutput body = out -> records.export(fromTime, toTime, csv, out);
        return Response.ok(body, csv ? "text/csv; charset=utf-8" : "application/x-ndjson")
                .header("Content-Disposition", "attachment; filename=\"audit-export." + format + "\"").build();
    }

    @POST
    @Path("verifications")
    @Allowed({Role.DGIT_ADMIN, Role.AUDITOR})
    @Operation(operationId = "verifyAuditTrail", summary = "Verify the whole chain and every signed checkpoint")
    public VerificationView verify() {
        Instant checkedAt = Instant.now();
        VerificationView verdict = VerificationView.of(records.verify(), checkedAt);
        audit.record(AuditAction.AUDIT_VERIFY, null, verdict.ok() ? Outcome.ALLOWED : Outcome.FAILED,
                verdict.ok() ? null : verdict.problem(), Map.of("toSeq", Long.toString(verdict.toSeq())));
        return verdict;
    }

    private static Instant instant(String field, String value, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Instant instant = Instant.parse(value);
            if (!StorableInstant.storable(instant)) {
                errors.add(new Problem.FieldError(field, "an instant between 1970 and 9999"));
                return null;
            }
            return instant;
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(field, "an ISO-8601 instant, e.g. 2026-01-31T00:00:00Z"));
            return null;
        }
    }
}
