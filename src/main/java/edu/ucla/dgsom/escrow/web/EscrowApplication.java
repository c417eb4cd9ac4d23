package edu.ucla.dgsom.escrow.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The REST API: everything under {@code /api/v1}, JSON in and out, errors as RFC 9457 problem documents. A caller is
 * either a signed-in person (the session cookie, plus the CSRF token on every change) or a system with an API token.
 */
@ApplicationPath(EscrowApplication.PATH)
@OpenAPIDefinition(info = @Info(title = "DGIT credential escrow", version = "1",
        description = "Escrow of the login information of the school's official social-media accounts. "
                + "Every error is an RFC 9457 problem document (application/problem+json)."),
        securitySets = {
                @SecurityRequirementsSet({@SecurityRequirement(name = EscrowApplication.SESSION),
                        @SecurityRequirement(name = EscrowApplication.CSRF)}),
                @SecurityRequirementsSet(@SecurityRequirement(name = EscrowApplication.BEARER))})
@SecurityScheme(securitySchemeName = EscrowApplication.SESSION, type = SecuritySchemeType.APIKEY,
        in = SecuritySchemeIn.COOKIE, apiKeyName = "escrow_session",
        description = "The session cookie set by signIn (named __Host-escrow_session over TLS)")
@SecurityScheme(securitySchemeName = EscrowApplication.CSRF, type = SecuritySchemeType.APIKEY,
        in = SecuritySchemeIn.HEADER, apiKeyName = "X-CSRF-Token",
        description = "The csrfToken of the sign-in answer; required with the session cookie on every change")
@SecurityScheme(securitySchemeName = EscrowApplication.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API token (esc_t_...) for systems such as HR's integration")
public class EscrowApplication extends Application {

    public static final String PATH = "/api/v1";

    static final String SESSION = "session";
    static final String CSRF = "csrf";
    static final String BEARER = "apiToken";
}
