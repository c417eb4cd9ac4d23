package edu.ucla.dgsom.escrow.access.boundary;

import static edu.ucla.dgsom.escrow.web.SharedJsonProvider.JSON;

import edu.ucla.dgsom.escrow.access.control.MfaEnrolments;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import edu.ucla.dgsom.escrow.security.AllowedWhileRestricted;
import edu.ucla.dgsom.escrow.security.SignedInPerson;
import edu.ucla.dgsom.escrow.web.StrictJson;
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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Providers;
import java.io.StringReader;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A signed-in person's authenticator app: enrolment (the seed shown once, confirmed with a code), a new authenticator
 * in place of the enrolled one, and new recovery codes. The seed is sealed behind the barrier (docs/access.md).
 */
@Path("session/mfa")
@ApplicationScoped
@Tag(name = "Session")
@Produces(MediaType.APPLICATION_JSON)
public class MfaResource {

    @Inject
    MfaEnrolments enrolments;

    @Context
    UriInfo uriInfo;

    @Context
    Providers providers;

    @Inject
    Validator validator;

    @POST
    @SignedInPerson
    @AllowedWhileRestricted
    @Operation(operationId = "startMfaEnrolment", summary = "Start TOTP enrolment: the seed is shown this once",
            description = "A first enrolment needs no body. A person already enrolled may enrol a new authenticator"
            + " by sending a current code of the enrolled one ({\"code\"}); the enrolled one keeps working until"
            + " the new one is confirmed at /session/mfa/confirmation. Codes are counted on the person's own"
            + " throttle: a wrong one is 403, too many lately 429 with Retry-After.")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "CurrentMfaCode")))
    @APIResponse(responseCode = "201", description = "Pending until confirmed with a code",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "MfaEnrolmentView")))
    @APIResponse(responseCode = "400", description = "Enrolled, and no code (or not six digits) was sent")
    @APIResponse(responseCode = "403", description = "The code is not a current code of the enrolled authenticator")
    @APIResponse(responseCode = "429", description = "Too many wrong codes lately; see Retry-After")
    public Response startMfaEnrolment(String body) {
        CurrentMfaCode current = optionalBody(body, CurrentMfaCode.class);
        MfaEnrolments.Enrolment enrolment = verified(enrolments.start(current == null ? null : current.code()));
        return Response.created(uriInfo.getBaseUriBuilder().path("session/mfa").build())
                .entity(new MfaEnrolmentView(enrolment.otpauthUri(), enrolment.secret(), enrolment.algorithm(),
                        enrolment.digits(), enrolment.period())).build();
    }

    @POST
    @Path("confirmation")
    @SignedInPerson
    @AllowedWhileRestricted
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "confirmMfaEnrolment",
            summary = "Confirm TOTP enrolment with a current code; answers with one-time recovery codes",
            description = "The new authenticator replaces any enrolled one, and the new recovery codes every earlier"
            + " one.")
    public RecoveryCodes confirmMfaEnrolment(@Valid @NotNull MfaConfirmation confirmation) {
        List<String> codes = enrolments.confirm(confirmation.code());
        return new RecoveryCodes(codes);
    }

    @POST
    @Path("recovery-codes")
    @SignedInPerson
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "renewRecoveryCodes",
            summary = "New one-time recovery codes, for a current code of the enrolled authenticator; every earlier"
            + " code stops working")
    @APIResponse(responseCode = "200", description = "The new codes, shown only now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "RecoveryCodes")))
    @APIResponse(responseCode = "400", description = "No code, or not six digits")
    @APIResponse(responseCode = "403", description = "The code is not a current code of the enrolled authenticator")
    @APIResponse(responseCode = "409", description = "MFA is not enrolled")
    @APIResponse(responseCode = "429", description = "Too many wrong codes lately; see Retry-After")
    public RecoveryCodes renewRecoveryCodes(@Valid @NotNull CurrentMfaCode current) {
        return new RecoveryCodes(verified(enrolments.newRecoveryCodes(current.code())));
    }

    /**
     * A body that may be left out (empty), read as strictly as any other: JSON-B alone refuses an empty body, and a
     * first enrolment has always been started without one.
     */
    private <T> T optionalBody(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try (JsonReader reader = JSON.createReader(new StringReader(body))) {
            StrictJson.requireShape(reader.readValue(), type);
        }
        T value = providers.getContextResolver(Jsonb.class, MediaType.APPLICATION_JSON_TYPE).getContext(type)
                .fromJson(body, type);
        Set<ConstraintViolation<T>> violations = value == null ? Set.of() : validator.validate(value);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return value;
    }

    /** What a request that gave a code of the enrolled authenticator made, or the problem why it made nothing. */
    private static <T> T verified(MfaEnrolments.Verified<T> verified) {
        return switch (verified.status()) {
            case DONE -> verified.value();
            case WRONG_CODE -> throw new ProblemException(ProblemType.FORBIDDEN, "The code is not a current code of"
                    + " the enrolled authenticator");
            case THROTTLED -> throw ProblemException.tooManyRequests("Too many wrong codes lately; try again after"
                    + " the time in Retry-After", verified.retryAfter());
        };
    }
}
