package edu.ucla.dgsom.escrow.access.boundary;

import edu.ucla.dgsom.escrow.access.control.AccessSettings;
import edu.ucla.dgsom.escrow.access.control.PasswordChanges;
import edu.ucla.dgsom.escrow.access.control.SignInAttempt;
import edu.ucla.dgsom.escrow.access.control.SignIns;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import edu.ucla.dgsom.escrow.security.AllowedWhileRestricted;
import edu.ucla.dgsom.escrow.security.AnyCaller;
import edu.ucla.dgsom.escrow.security.Caller;
import edu.ucla.dgsom.escrow.security.Public;
import edu.ucla.dgsom.escrow.security.Restriction;
import edu.ucla.dgsom.escrow.security.Secrets;
import edu.ucla.dgsom.escrow.security.SignedInPerson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Signing in and out and password changes for people (MFA enrolment: {@link MfaResource}). The session travels in an HttpOnly,
 * SameSite=Strict cookie (over TLS: Secure and named {@code __Host-escrow_session}); changes made with it need the
 * session's CSRF token, returned at sign-in and again by {@code GET /session}. A successful sign-in also sets the
 * browser's device cookie ({@code escrow_device}), which spares it the throttles of strangers' guessing
 * (docs/access.md).
 */
@Path("session")
@ApplicationScoped
@Tag(name = "Session")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    private static final String WRONG = "The username, password or code is wrong";
    private static final String DEVICE_COOKIE = "escrow_device";

    @Inject
    PasswordChanges passwordChanges;

    @Inject
    SignIns signIns;

    @Inject
    AccessSettings settings;

    @Inject
    Caller caller;

    @Inject
    BrowserCookies cookies;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uriInfo;

    @Context
    HttpHeaders headers;


    @POST
    @Public
    @Consumes(MediaType.APPLICATION_JSON)
    @SecurityRequirementsSet
    @Operation(operationId = "signIn", summary = "Sign in; answers with the session cookie and the CSRF token")
    @APIResponse(responseCode = "201",
            description = "Signed in: the session (with csrfToken) in the body, its cookie in"
            + " Set-Cookie", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "SessionView")),
            headers = @Header(name = HttpHeaders.SET_COOKIE,
            description = "escrow_session (and escrow_device); HttpOnly",
                    schema = @Schema(type = SchemaType.STRING)))
    public Response signIn(@Valid @NotNull SignInRequest credentials) {
        char[] password = credentials.password().toCharArray();
        SignIns.Result result;
        try {
            // Concurrent first attempts on one throttle key may deadlock in InnoDB: DeadlockRetry runs this again.
            result = signIns.signIn(new SignInAttempt(credentials.username(), password, credentials.totpCode(),
                    credentials.recoveryCode(), cookies.read(DEVICE_COOKIE), request.getRemoteAddr(),
                    headers.getHeaderString(HttpHeaders.USER_AGENT),
                    cookies.read(CallerAuthentication.SESSION_COOKIE)));
        } finally {
            Arrays.fill(password, '\0');
        }
        switch (result.status()) {
            case MFA_REQUIRED -> throw new ProblemException(ProblemType.MFA_REQUIRED,
                    "Send a current TOTP code (totpCode) or a recovery code (recoveryCode) with the password");
            case LOCAL_SIGN_IN_OFF -> throw new ProblemException(ProblemType.LOCAL_SIGN_IN_OFF,
                    "Sign in through campus sign-in; a password is kept only for break-glass access");
            case THROTTLED -> throw ProblemException.tooManyRequests("Too many failed sign-ins lately; try again"
                    + " after the time in Retry-After", result.retryAfter());
            case FAILED -> {
                pause(result.delay());
                throw new ProblemException(ProblemType.INVALID_CREDENTIALS, WRONG);
            }
            default -> {
                SessionView view = SessionView.signedIn(result.personId(), result.restriction(), result.csrfToken(),
                        result.expiresAt());
                // The session cookie comes first: clients that read one Set-Cookie header read that one.
                return Response.created(uriInfo.getBaseUriBuilder().path("session").build())
                        .cookie(cookies.strict(CallerAuthentication.SESSION_COOKIE, result.sessionToken(),
                                result.expiresAt()),
                                cookies.strict(DEVICE_COOKIE, result.deviceToken(), result.deviceExpiresAt()))
                        .entity(view).build();
            }
        }
    }

    @GET
    @AnyCaller
    @AllowedWhileRestricted
    @Operation(operationId = "getSession", summary = "Who is signed in, with roles and what must be done first",
            description = "For a session cookie also the session's csrfToken (the same as at sign-in, so a reloaded"
            + " page recovers it) and its absolute expiry (expiresAt); an API token gets neither.")
    public SessionView current() {
        String sessionToken = caller.viaSession() ? cookies.read(CallerAuthentication.SESSION_COOKIE) : null;
        // Sessions opened before CSRF tokens were derived from the session token keep their random one: none here.
        String csrfToken = sessionToken == null ? null : Secrets.csrfTokenOf(sessionToken);
        return new SessionView(caller.kind().name(), caller.id(), caller.name(), caller.departmentId(),
                caller.roles().stream().map(Enum::name).sorted().toList(),
                caller.ownedDepartments().stream().sorted().toList(),
                caller.supervisedDepartments().stream().sorted().toList(), code(caller.restriction()),
                caller.csrfMatches(csrfToken) ? csrfToken : null,
                caller.sessionExpiresAt(),
                caller.isPerson() ? caller.isPersonWithMfa() : null, settings.secretDisplay());
    }

    @DELETE
    @AnyCaller
    @AllowedWhileRestricted
    @Operation(operationId = "signOut", summary = "Sign out",
            description = "For a session opened through campus sign-in, the Link header with rel=\"end-session\" is"
            + " where the browser may go to end the provider's session too; it comes back to /sign-in.")
    @APIResponse(responseCode = "204", description = "Signed out", headers = @Header(name = "Link",
            description = "<provider's end-session URL>; rel=\"end-session\", for a campus sign-in",
            schema = @Schema(type = SchemaType.STRING)))
    public Response signOut() {
        Response.ResponseBuilder signedOut = Response.noContent()
                .cookie(cookies.cleared(CallerAuthentication.SESSION_COOKIE));
        signIns.signOut().ifPresent(endSession -> signedOut.link(endSession, "end-session"));
        return signedOut.build();
    }

    @POST
    @Path("password")
    @SignedInPerson
    @AllowedWhileRestricted
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "changePassword",
            summary = "Change the signed-in person's password (at least 12 characters); other sessions end")
    @APIResponse(responseCode = "204", description = "Changed")
    public void changePassword(@Valid @NotNull PasswordChange change) {
        char[] current = change.currentPassword().toCharArray();
        char[] replacement = change.newPassword().toCharArray();
        PasswordChanges.Result result;
        try {
            result = passwordChanges.change(current, replacement);
        } finally {
            Arrays.fill(current, '\0');
            Arrays.fill(replacement, '\0');
        }
        if (result.status() == PasswordChanges.Result.Status.THROTTLED) {
            throw ProblemException.tooManyRequests("Too many wrong passwords lately; try again after the time in"
                    + " Retry-After", result.retryAfter());
        }
        if (result.status() == PasswordChanges.Result.Status.WRONG_PASSWORD) {
            throw new ProblemException(ProblemType.FORBIDDEN, "The current password is wrong");
        }
    }

    static String code(Restriction restriction) {
        return restriction == null ? null : restriction.code();
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
