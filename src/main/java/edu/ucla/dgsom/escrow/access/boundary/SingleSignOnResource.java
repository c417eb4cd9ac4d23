package edu.ucla.dgsom.escrow.access.boundary;

import edu.ucla.dgsom.escrow.access.control.ProviderAnswer;
import edu.ucla.dgsom.escrow.access.control.ProviderFailure;
import edu.ucla.dgsom.escrow.access.control.ProviderSignIns;
import edu.ucla.dgsom.escrow.access.control.SignInBrowser;
import edu.ucla.dgsom.escrow.access.control.SingleSignOnSettings;
import edu.ucla.dgsom.escrow.access.entity.ProviderSignIn;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import edu.ucla.dgsom.escrow.security.Public;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Campus sign-in through the institution's OpenID Connect provider (docs/sso.md). A browser starts at
 * {@code GET /session/sso/start} and is sent to the provider; the provider sends it back to
 * {@code /session/sso/callback}, which sets the same session cookie as a password sign-in and sends it on to the
 * console: to {@code /}, to {@code /sign-in?sso=code-required} when the escrow's own code is still needed (then
 * {@code POST /session/sso/second-factor}), or to {@code /sign-in?sso=<refusal>}. The flow under way is named by the
 * {@code escrow_sso} cookie (SameSite=Lax, so that it comes back with the provider's redirect). Without a configured
 * provider every path here is 404.
 */
@Path("session/sso")
@ApplicationScoped
@Tag(name = "Session")
@Produces(MediaType.APPLICATION_JSON)
public class SingleSignOnResource {

    static final String FLOW_COOKIE = "escrow_sso";
    private static final Logger LOG = Logger.getLogger(SingleSignOnResource.class.getName());

    @Inject
    SingleSignOnSettings settings;

    @Inject
    ProviderSignIns providerSignIns;

    @Inject
    BrowserCookies cookies;

    @Context
    HttpServletRequest request;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uriInfo;

    @GET
    @Public
    @SecurityRequirementsSet
    @Operation(operationId = "getSingleSignOn", summary = "Whether campus sign-in is offered, under which name")
    @APIResponse(responseCode = "200", description = "Campus sign-in is configured",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SingleSignOnView")))
    @APIResponse(responseCode = "404", description = "No campus sign-in here")
    public SingleSignOnView offered() {
        requireConfigured();
        return new SingleSignOnView(settings.name(), uriInfo.getBaseUriBuilder().path("session/sso/start").build()
                .getRawPath(), settings.breakGlassOnly() ? "break-glass" : "everyone");
    }

    @GET
    @Path("start")
    @Public
    @SecurityRequirementsSet
    @Operation(operationId = "startSingleSignOn", summary = "Sends the browser to the campus provider's sign-in")
    @APIResponse(responseCode = "303", description = "To the provider (or to /sign-in?sso=provider-unavailable)",
            headers = @Header(name = HttpHeaders.SET_COOKIE, description = "escrow_sso; HttpOnly, SameSite=Lax",
                    schema = @Schema(type = SchemaType.STRING)))
    public Response start() {
        requireConfigured();
        try {
            ProviderSignIns.Started started = providerSignIns.start(request.getRemoteAddr(),
                    cookies.read(CallerAuthentication.SESSION_COOKIE));
            return Response.seeOther(started.location()).cookie(cookies.lax(FLOW_COOKIE, started.flowToken(),
                    Instant.now().plus(ProviderSignIn.LIFETIME))).build();
        } catch (ProviderFailure failure) {
            LOG.warning(() -> "Campus sign-in cannot start: " + failure.getMessage());
            return toSignInPage("provider-unavailable");
        }
    }

    @GET
    @Path("callback")
    @Public
    @SecurityRequirementsSet
    @Operation(operationId = "finishSingleSignOn", summary = "Where the campus provider sends the browser back",
            description = "Signs in, or sends the browser to /sign-in?sso=<code>: code-required, unknown-person,"
            + " not-active, mfa-needed, cancelled, rejected, expired or provider-unavailable.")
    @APIResponse(responseCode = "303", description = "To the console, with the session cookie when signed in",
            headers = @Header(name = HttpHeaders.SET_COOKIE, description = "escrow_session; HttpOnly",
                    schema = @Schema(type = SchemaType.STRING)))
    public Response callback(@QueryParam("state") String state, @QueryParam("code") String code,
            @QueryParam("error") String error, @QueryParam("iss") String issuer) {
        requireConfigured();
        ProviderSignIns.Result result = providerSignIns.answer(new ProviderAnswer(browser(), state, code, error,
                issuer));
        return switch (result.status()) {
            case SIGNED_IN -> Response.seeOther(consolePath("/")).cookie(cookies.cleared(FLOW_COOKIE),
                    cookies.strict(CallerAuthentication.SESSION_COOKIE, result.session().sessionToken(),
                            result.session().session().expiresAt())).build();
            // The flow cookie stays: it names the sign-in that waits for the code.
            case CODE_REQUIRED -> toSignInPage("code-required");
            default -> Response.fromResponse(toSignInPage(pageCode(result.status())))
                    .cookie(cookies.cleared(FLOW_COOKIE)).build();
        };
    }

    @POST
    @Path("second-factor")
    @Public
    @SecurityRequirementsSet
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "finishSingleSignOnWithCode",
            summary = "The escrow's own code after a campus sign-in that was not multi-factor")
    @APIResponse(responseCode = "201", description = "Signed in: as a password sign-in answers",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SessionView")))
    public Response secondFactor(@Valid @NotNull SecondFactorRequest codes) {
        requireConfigured();
        // Concurrent first codes of one person may deadlock on their throttle row: DeadlockRetry runs it again.
        ProviderSignIns.Result result = providerSignIns.secondFactor(browser(), codes.totpCode(), codes.recoveryCode());
        switch (result.status()) {
            case SIGNED_IN -> {
                SessionView view = SessionView.signedIn(result.session().session().personId(), result.restriction(),
                        result.session().csrfToken(), result.session().session().expiresAt());
                return Response.created(uriInfo.getBaseUriBuilder().path("session").build())
                        .cookie(cookies.strict(CallerAuthentication.SESSION_COOKIE, result.session().sessionToken(),
                                result.session().session().expiresAt()), cookies.cleared(FLOW_COOKIE))
                        .entity(view).build();
            }
            case WRONG_CODE -> throw new ProblemException(ProblemType.INVALID_CREDENTIALS, "The code is wrong");
            case THROTTLED -> throw ProblemException.tooManyRequests("Too many wrong codes lately; try again after the"
                    + " time in Retry-After", result.retryAfter());
            case NOT_ACTIVE -> throw new ProblemException(ProblemType.FORBIDDEN, "This person may not sign in");
            default -> throw new ProblemException(ProblemType.SIGN_IN_EXPIRED,
                    "This sign-in expired or had too many wrong codes; sign in with " + settings.name() + " again");
        }
    }

    private void requireConfigured() {
        if (!settings.enabled()) {
            throw new ProblemException(ProblemType.NOT_FOUND, "Campus sign-in is not configured here");
        }
    }

    private SignInBrowser browser() {
        return new SignInBrowser(cookies.read(FLOW_COOKIE), request.getRemoteAddr(),
                headers.getHeaderString(HttpHeaders.USER_AGENT), cookies.read(CallerAuthentication.SESSION_COOKIE));
    }

    private Response toSignInPage(String code) {
        return Response.seeOther(URI.create(consolePath("/sign-in") + "?sso=" + code)).build();
    }

    /** A console page at the configured public address, never one a request's Host header names. */
    private URI consolePath(String path) {
        return settings.redirectUri().resolve(path);
    }

    private static String pageCode(ProviderSignIns.Result.Status status) {
        return status.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
