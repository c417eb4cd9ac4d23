package edu.ucla.dgsom.escrow.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** The REST API: everything under {@code /api/v1}, JSON in and out, errors as RFC 9457 problem documents. */
@ApplicationPath(EscrowApplication.PATH)
@OpenAPIDefinition(info = @Info(title = "DGIT credential escrow", version = "1",
        description = "Escrow of the login information of the school's official social-media accounts. "
                + "Every error is an RFC 9457 problem document (application/problem+json)."))
public class EscrowApplication extends Application {

    public static final String PATH = "/api/v1";
}
