package edu.ucla.dgsom.escrow.exports.boundary;

import edu.ucla.dgsom.escrow.credentials.control.VersionScope;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Why the export is made (into the audit trail and the DGIT admins' mail), and whether every credential version is
 * wanted rather than only the current ones (default false).
 */
public record DisasterRecoveryRequest(@NotBlank @Size(min = 10, max = 500) String reason, Boolean allVersions) {

    /**
     * Declared so the constraints stay on the field and accessor: on the constructor parameter they crash Payara's
     * OpenAPI scanner.
     */
    public DisasterRecoveryRequest(String reason, Boolean allVersions) {
        this.reason = reason;
        this.allVersions = allVersions;
    }

    VersionScope versions() {
        return Boolean.TRUE.equals(allVersions) ? VersionScope.ALL : VersionScope.CURRENT;
    }
}
