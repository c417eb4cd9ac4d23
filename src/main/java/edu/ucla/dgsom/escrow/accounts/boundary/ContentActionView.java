package edu.ucla.dgsom.escrow.accounts.boundary;

import edu.ucla.dgsom.escrow.accounts.entity.ContentAction;
import java.time.Instant;

/** A content action DGIT logged on an account: what, when on the platform, and who recorded it when. */
public record ContentActionView(String id, String description, Instant takenAt, Instant recordedAt,
        String recordedBy) {

    static ContentActionView of(ContentAction action) {
        return new ContentActionView(action.id(), action.description(), action.takenAt(), action.recordedAt(),
                action.recordedBy());
    }
}
