package edu.ucla.dgsom.escrow.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An audit entry as a request appends it, in the request's transaction. The sealer moves it into the hash chain
 * (audit schema) shortly after, in order, and deletes it here. Never changed: there are no setters.
 */
@Entity
@Table(name = "audit_pending")
public class PendingAuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    @Column(name = "actor_type", nullable = false, updatable = false)
    private String actorType;

    @Column(name = "actor_id", updatable = false)
    private String actorId;

    @Column(name = "actor_name", updatable = false)
    private String actorName;

    @Column(name = "actor_roles", updatable = false)
    private String actorRoles;

    @Column(nullable = false, updatable = false)
    private String action;

    @Column(name = "target_type", updatable = false)
    private String targetType;

    @Column(name = "target_id", updatable = false)
    private String targetId;

    @Column(name = "department_id", updatable = false)
    private String departmentId;

    @Column(nullable = false, updatable = false)
    private String outcome;

    @Column(updatable = false)
    private String reason;

    @Column(name = "client_address", updatable = false)
    private String clientAddress;

    @Column(name = "request_id", updatable = false)
    private String requestId;

    @Column(updatable = false)
    private String details;

    protected PendingAuditEntry() {
    }

    public PendingAuditEntry(Instant occurredAt, String actorType, String actorId, String actorName, String actorRoles,
            String action, String targetType, String targetId, String departmentId, String outcome, String reason,
            String clientAddress, String requestId, String details) {
        this.occurredAt = occurredAt;
        this.actorType = actorType;
        this.actorId = actorId;
        this.actorName = actorName;
        this.actorRoles = actorRoles;
        this.action = action;
        this.targetType = targetType;
        this.targetId = targetId;
        this.departmentId = departmentId;
        this.outcome = outcome;
        this.reason = reason;
        this.clientAddress = clientAddress;
        this.requestId = requestId;
        this.details = details;
    }
}
