-- The audit trail becomes a hash chain in its own schema, where the application's user may only INSERT and SELECT.
-- Requests append to audit_pending in their own transaction; the sealer moves entries into the chain in order,
-- giving each a gap-free sequence number and a hash over the previous hash and the entry.
CREATE TABLE audit_pending (
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

INSERT INTO audit_pending (occurred_at, actor_type, actor_id, actor_name, actor_roles, action, target_type, target_id,
        department_id, outcome, reason, client_address, request_id, details)
    SELECT occurred_at, actor_type, actor_id, actor_name, actor_roles, action, target_type, target_id, department_id,
           outcome, reason, client_address, request_id, details
    FROM audit_event ORDER BY id;

DROP TABLE audit_event;

CREATE TABLE ${auditSchema}.audit_event (
    seq             BIGINT       NOT NULL,
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
    entry_hash      BINARY(32)   NOT NULL,
    CONSTRAINT pk_audit_event PRIMARY KEY (seq),
    INDEX ix_audit_event_time (occurred_at, seq),
    INDEX ix_audit_event_actor (actor_id, seq),
    INDEX ix_audit_event_target (target_type, target_id, seq),
    INDEX ix_audit_event_department (department_id, seq),
    INDEX ix_audit_event_request (request_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Signed checkpoints: the chain head at a sequence number, signed with the audit signing key (Ed25519).
CREATE TABLE ${auditSchema}.audit_checkpoint (
    seq         BIGINT       NOT NULL,
    head_hash   BINARY(32)   NOT NULL,
    created_at  DATETIME(6)  NOT NULL,
    signature   VARBINARY(64) NOT NULL,
    CONSTRAINT pk_audit_checkpoint PRIMARY KEY (seq)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Where the chain ends, locked by the sealer while it appends: one sealer at a time, across every instance.
CREATE TABLE audit_chain_state (
    id               TINYINT     NOT NULL,
    last_seq         BIGINT      NOT NULL,
    last_hash        BINARY(32)  NOT NULL,
    checkpoint_seq   BIGINT      NOT NULL,
    checkpoint_at    DATETIME(6) NOT NULL,
    CONSTRAINT pk_audit_chain_state PRIMARY KEY (id),
    CONSTRAINT ck_audit_chain_state_single CHECK (id = 1)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO audit_chain_state (id, last_seq, last_hash, checkpoint_seq, checkpoint_at)
    VALUES (1, 0, REPEAT(CHAR(0), 32), 0, UTC_TIMESTAMP(6));
