-- The pending queue moves into the audit schema, where the application's user may only SELECT and INSERT: it can
-- neither change nor remove an entry between its commit and its sealing. Each chained entry records the pending id
-- it came from, and the sealer removes chained entries from the queue only through a procedure that runs with the
-- schema owner's rights (SQL SECURITY DEFINER) and deletes nothing that is not in the chain.
CREATE TABLE ${auditSchema}.audit_pending (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    occurred_at     DATETIME(6)  NOT NULL,
    actor_type      VARCHAR(16)  NOT NULL,
    actor_id        VARCHAR(64)  NULL,
    actor_name      VARCHAR(200) NULL,
    actor_roles     VARCHAR(200) NULL,
    action          VARCHAR(64)  NOT NULL,
    target_type     VARCHAR(32)  NULL,
    target_id       VARCHAR(64)  NULL,
    department_id   CHAR(36)     NULL,
    outcome         VARCHAR(16)  NOT NULL,
    reason          VARCHAR(500) NULL,
    client_address  VARCHAR(64)  NULL,
    request_id      VARCHAR(64)  NULL,
    details         TEXT         NULL,
    CONSTRAINT pk_audit_pending PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO ${auditSchema}.audit_pending (id, occurred_at, actor_type, actor_id, actor_name, actor_roles, action,
        target_type, target_id, department_id, outcome, reason, client_address, request_id, details)
    SELECT id, occurred_at, actor_type, actor_id, actor_name, actor_roles, action, target_type, target_id,
           department_id, outcome, reason, client_address, request_id, details
    FROM audit_pending ORDER BY id;

DROP TABLE audit_pending;

-- NULL for the entries chained before this migration (their pending rows are gone already).
ALTER TABLE ${auditSchema}.audit_event
    ADD COLUMN pending_id BIGINT NULL,
    ADD CONSTRAINT uq_audit_event_pending UNIQUE (pending_id);

CREATE PROCEDURE ${auditSchema}.release_sealed_pending(IN from_seq BIGINT, IN to_seq BIGINT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
    COMMENT 'Removes from the queue the entries chained as from_seq..to_seq, and nothing else'
    DELETE p FROM ${auditSchema}.audit_pending p JOIN ${auditSchema}.audit_event e ON e.pending_id = p.id
        WHERE e.seq BETWEEN from_seq AND to_seq;
