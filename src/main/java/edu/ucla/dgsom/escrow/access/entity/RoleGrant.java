package edu.ucla.dgsom.escrow.access.entity;

import edu.ucla.dgsom.escrow.security.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A role held by a person; DEPARTMENT_OWNER is held for one department. */
@Entity
@Table(name = "role_grant")
@NamedQuery(name = RoleGrant.OF_PERSON, query = "SELECT g FROM RoleGrant g WHERE g.personId = :person ORDER BY g.grantedAt")
@NamedQuery(name = RoleGrant.HOLDERS_OTHER_THAN, query = "SELECT g.personId FROM RoleGrant g WHERE g.role = :role"
        + " AND g.personId <> :person ORDER BY g.grantedAt, g.id")
@NamedQuery(name = RoleGrant.OWNERS_OTHER_THAN, query = "SELECT g FROM RoleGrant g WHERE g.role ="
        + " edu.ucla.dgsom.escrow.security.Role.DEPARTMENT_OWNER AND g.departmentId IN :departments"
        + " AND g.personId <> :person ORDER BY g.grantedAt, g.id")
@NamedQuery(name = RoleGrant.HOLDERS_FOR_DEPARTMENT, query = "SELECT g.personId FROM RoleGrant g WHERE g.role = :role"
        + " AND g.departmentId = :department ORDER BY g.grantedAt, g.id")
@NamedQuery(name = RoleGrant.COUNT_ROLE, query = "SELECT COUNT(g) FROM RoleGrant g WHERE g.role = :role")
@NamedQuery(name = RoleGrant.COUNT_ACTIVE_HOLDING, query = "SELECT COUNT(g) FROM RoleGrant g, Person p"
        + " WHERE p.id = g.personId AND g.personId = :person AND g.role = :role AND p.status = :status")
@NamedQuery(name = RoleGrant.SCOPES_HELD_WITH_MFA, query = "SELECT DISTINCT g.departmentId FROM RoleGrant g, Person p,"
        + " SignIn s WHERE p.id = g.personId AND s.personId = g.personId AND g.role = :role"
        + " AND p.status = edu.ucla.dgsom.escrow.access.entity.Person.Status.ACTIVE"
        + " AND s.mfaState = edu.ucla.dgsom.escrow.access.entity.SignIn.MfaState.ENROLLED")
@NamedQuery(name = RoleGrant.SCOPES_HELD_ACTIVELY, query = "SELECT DISTINCT g.departmentId FROM RoleGrant g, Person p"
        + " WHERE p.id = g.personId AND g.role = :role AND g.departmentId IN :departments"
        + " AND p.status = edu.ucla.dgsom.escrow.access.entity.Person.Status.ACTIVE")
public class RoleGrant {

    public static final String OF_PERSON = "RoleGrant.ofPerson";
    public static final String SCOPES_HELD_ACTIVELY = "RoleGrant.scopesHeldActively";
    public static final String SCOPES_HELD_WITH_MFA = "RoleGrant.scopesHeldWithMfa";
    public static final String HOLDERS_OTHER_THAN = "RoleGrant.holdersOtherThan";
    public static final String OWNERS_OTHER_THAN = "RoleGrant.ownersOtherThan";
    public static final String COUNT_ROLE = "RoleGrant.countRole";
    public static final String HOLDERS_FOR_DEPARTMENT = "RoleGrant.holdersForDepartment";
    public static final String COUNT_ACTIVE_HOLDING = "RoleGrant.countActiveHolding";
    private static final String EVERY_DEPARTMENT = "";

    @Id
    private String id;

    @Column(name = "person_id", nullable = false, updatable = false)
    private String personId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Role role;

    @Column(name = "department_id", nullable = false, updatable = false)
    private String departmentId;

    @Column(name = "granted_by", nullable = false, updatable = false)
    private String grantedBy;

    @Column(name = "granted_at", nullable = false, updatable = false)
    private Instant grantedAt;

    protected RoleGrant() {
    }

    public RoleGrant(String personId, Role role, String departmentId, String grantedBy, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.personId = personId;
        this.role = role;
        this.departmentId = departmentId == null ? EVERY_DEPARTMENT : departmentId;
        this.grantedBy = grantedBy;
        this.grantedAt = now;
    }

    public String id() {
        return id;
    }

    public String personId() {
        return personId;
    }

    public Role role() {
        return role;
    }

    /** The department of a DEPARTMENT_OWNER grant; null for roles that are not scoped. */
    public String departmentId() {
        return EVERY_DEPARTMENT.equals(departmentId) ? null : departmentId;
    }

    public String grantedBy() {
        return grantedBy;
    }

    public Instant grantedAt() {
        return grantedAt;
    }
}
