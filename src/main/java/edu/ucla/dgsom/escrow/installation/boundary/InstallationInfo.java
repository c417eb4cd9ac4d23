package edu.ucla.dgsom.escrow.installation.boundary;

import edu.ucla.dgsom.escrow.installation.entity.Installation;
import java.time.Instant;

/** Which database this instance serves: the same id on every instance of one installation. */
public record InstallationInfo(String id, Instant createdAt) {

    static InstallationInfo of(Installation installation) {
        return new InstallationInfo(installation.id(), installation.createdAt());
    }
}
