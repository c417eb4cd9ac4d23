package edu.ucla.dgsom.escrow.access.boundary;

import edu.ucla.dgsom.escrow.access.control.Sessions;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One of the signed-in person's live sessions. {@code id} is an opaque id of the session's own (not its token, not a
 * digest of it); {@code clientAddress} and {@code userAgent} say where it was opened (absent for sessions opened
 * before they were recorded); {@code current} marks the session of the request.
 */
@Schema(name = "OwnSessionView")
public record OwnSessionView(String id, Instant createdAt, Instant lastSeenAt, Instant expiresAt,
        String clientAddress, String userAgent, boolean current) {

    static OwnSessionView of(Sessions.SessionDetails session) {
        return new OwnSessionView(session.id(), session.createdAt(), session.lastSeenAt(), session.expiresAt(),
                session.clientAddress(), session.userAgent(), session.current());
    }
}
