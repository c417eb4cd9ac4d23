package edu.ucla.dgsom.escrow.access.boundary;

import edu.ucla.dgsom.escrow.access.entity.RoleGrant;
import java.time.Instant;

/** A role a person holds, scoped to a department for DEPARTMENT_OWNER. */
public record GrantView(String id, String role, String departmentId, String grantedBy, Instant grantedAt) {

    static GrantView of(RoleGrant grant) {
        return new GrantView(grant.id(), grant.role().name(), grant.departmentId(), grant.grantedBy(),
                grant.grantedAt());
    }
}
