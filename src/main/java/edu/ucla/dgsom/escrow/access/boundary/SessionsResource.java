package edu.ucla.dgsom.escrow.access.boundary;

import edu.ucla.dgsom.escrow.access.control.Sessions;
import edu.ucla.dgsom.escrow.security.SignedInPerson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The signed-in person's own sessions: see where they are signed in, and end a session or all the others. */
@Path("sessions")
@ApplicationScoped
@Tag(name = "Session")
@Produces(MediaType.APPLICATION_JSON)
public class SessionsResource {

    @Inject
    Sessions sessions;

    @GET
    @SignedInPerson
    @Operation(operationId = "listOwnSessions", summary = "The signed-in person's live sessions, newest first;"
            + " current marks the session of this request")
    public List<OwnSessionView> list() {
        return sessions.ofCaller().stream().map(OwnSessionView::of).toList();
    }

    @DELETE
    @Path("others")
    @SignedInPerson
    @Operation(operationId = "endOtherOwnSessions",
            summary = "End every session of the signed-in person but the current one")
    @APIResponse(responseCode = "204", description = "Ended (also when there was none)")
    public void endOthers() {
        sessions.endOthers();
    }

    @DELETE
    @Path("{id}")
    @SignedInPerson
    @Operation(operationId = "endOwnSession", summary = "End one of the signed-in person's sessions (the current"
            + " one too, which signs out); another person's session is not found")
    @APIResponse(responseCode = "204", description = "Ended")
    @APIResponse(responseCode = "404", description = "The caller has no live session with this id")
    public void end(@PathParam("id") String id) {
        sessions.end(id);
    }
}
