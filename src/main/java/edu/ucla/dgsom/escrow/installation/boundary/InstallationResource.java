package edu.ucla.dgsom.escrow.installation.boundary;

import edu.ucla.dgsom.escrow.installation.control.InstallationRegistry;
import edu.ucla.dgsom.escrow.security.Public;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Identifies the installation. Public: it names no person, account or secret, and load balancers and the run command
 * use it to know the application (not only the server) is up.
 */
@Path("installation")
@ApplicationScoped
@Tag(name = "Installation")
@Produces(MediaType.APPLICATION_JSON)
public class InstallationResource {

    @Inject
    InstallationRegistry registry;

    @GET
    @Public
    @SecurityRequirementsSet
    @Operation(operationId = "getInstallation", summary = "The installation this instance serves")
    public InstallationInfo get() {
        return InstallationInfo.of(registry.current());
    }
}
