package edu.ucla.dgsom.escrow.accounts.boundary;

import edu.ucla.dgsom.escrow.accounts.control.AccountFields;
import edu.ucla.dgsom.escrow.accounts.control.RotationSettings;
import edu.ucla.dgsom.escrow.accounts.control.RotationsDue;
import edu.ucla.dgsom.escrow.accounts.entity.OfficialAccount;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.security.AnyCaller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The rotation schedule across accounts: whose credentials are due (docs/accounts.md). */
@Path("rotations")
@ApplicationScoped
@Tag(name = "Accounts")
@Produces(MediaType.APPLICATION_JSON)
public class RotationsResource {

    private static final int MAX_PAGE = 500;
    private static final int MAX_WITHIN_DAYS = 366;

    @Inject
    RotationsDue rotationsDue;

    @Inject
    RotationSettings rotationSettings;

    @GET
    @Path("due")
    @AnyCaller
    @Operation(operationId = "listRotationsDue", summary = "The credentials due for rotation, earliest first",
            description = "Accounts the caller may see (as the account list: DGIT admins and auditors all, department"
            + " owners their departments', holders their own) whose credentials are due within `within` (an ISO-8601"
            + " period of days, P1D to P366D, default P30D), overdue ones always included, by due date then id."
            + " dueAt is the earlier of the scheduled date (the interval after the last new password or TOTP seed;"
            + " reason SCHEDULED) and a flag an offboarding raised (reason REQUIRED). Filters: departmentId, holder (a"
            + " person id holding the account as content owner or backup moderator). limit: 1 to 500, default 100;"
            + " truncated says more were due. A malformed value is a 400 validation-failed naming the parameter.")
    public RotationsDueView due(@QueryParam("within") @DefaultValue("P30D") String within,
            @QueryParam("departmentId") String departmentId, @QueryParam("holder") String holder,
            @QueryParam("limit") @DefaultValue("100") String pageSize) {
        Period period = period(within);
        int limit = AccountFields.limit(pageSize, MAX_PAGE);
        Instant asOf = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<OfficialAccount> due = rotationsDue.dueBy(asOf.plus(period), AccountFields.orNull(departmentId),
                AccountFields.orNull(holder), limit + 1);
        return new RotationsDueView(asOf, period.toString(), due.stream().limit(limit)
                .map(account -> RotationDueView.of(account, rotationSettings.intervalOf(account), asOf)).toList(),
                due.size() > limit);
    }

    /** A period of whole days (weeks count as 7), 1 to 366; a 400 naming {@code within} otherwise. */
    private static Period period(String within) {
        try {
            Period period = Period.parse(within.strip()).normalized();
            if (period.getYears() == 0 && period.getMonths() == 0 && period.getDays() >= 1
                    && period.getDays() <= MAX_WITHIN_DAYS) {
                return period;
            }
        } catch (DateTimeParseException e) {
            // Reported below, as any other value out of range.
        }
        throw ProblemException.invalidField("within", "an ISO-8601 period of days, P1D to P" + MAX_WITHIN_DAYS + "D");
    }
}
