-- Offboarding: a case per departure, its items, the rotation flag on accounts, and the mail outbox.
ALTER TABLE official_account
    ADD COLUMN rotation_required_since DATETIME(6) NULL,
    ADD COLUMN rotation_due_at         DATETIME(6) NULL,
    ADD INDEX ix_official_account_rotation (rotation_due_at);

CREATE TABLE offboarding_case (
    id               CHAR(36)      NOT NULL,
    person_id        CHAR(36)      NOT NULL,
    employee_id      VARCHAR(64)   NOT NULL,
    successor_id     CHAR(36)      NULL,
    hr_reference     VARCHAR(100)  NULL,
    idempotency_key  VARCHAR(100)  NULL,
    effective_at     DATETIME(6)   NOT NULL,
    state            VARCHAR(16)   NOT NULL,
    requested_by     VARCHAR(128)  NOT NULL,
    requested_at     DATETIME(6)   NOT NULL,
    executed_at      DATETIME(6)   NULL,
    completed_at     DATETIME(6)   NULL,
    row_version      INT           NOT NULL DEFAULT 0,
    CONSTRAINT pk_offboarding_case PRIMARY KEY (id),
    CONSTRAINT uk_offboarding_case_reference UNIQUE (hr_reference),
    CONSTRAINT uk_offboarding_case_idempotency UNIQUE (idempotency_key),
    CONSTRAINT fk_offboarding_case_person FOREIGN KEY (person_id) REFERENCES person (id),
    CONSTRAINT fk_offboarding_case_successor FOREIGN KEY (successor_id) REFERENCES person (id),
    CONSTRAINT ck_offboarding_case_state CHECK (state IN ('SCHEDULED', 'IN_PROGRESS', 'COMPLETED')),
    INDEX ix_offboarding_case_due (state, effective_at),
    INDEX ix_offboarding_case_person (person_id, requested_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE offboarding_item (
    id             CHAR(36)      NOT NULL,
    case_id        CHAR(36)      NOT NULL,
    kind           VARCHAR(32)   NOT NULL,
    account_id     CHAR(36)      NULL,
    department_id  CHAR(36)      NULL,
    from_person    CHAR(36)      NULL,
    to_person      CHAR(36)      NULL,
    detail         VARCHAR(300)  NULL,
    state          VARCHAR(16)   NOT NULL,
    due_at         DATETIME(6)   NULL,
    created_at     DATETIME(6)   NOT NULL,
    resolved_at    DATETIME(6)   NULL,
    resolved_by    VARCHAR(128)  NULL,
    CONSTRAINT pk_offboarding_item PRIMARY KEY (id),
    CONSTRAINT fk_offboarding_item_case FOREIGN KEY (case_id) REFERENCES offboarding_case (id),
    CONSTRAINT ck_offboarding_item_state CHECK (state IN ('OPEN', 'DONE')),
    INDEX ix_offboarding_item_case (case_id, kind),
    INDEX ix_offboarding_item_account (account_id, kind, state)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Mail waits here, written in the transaction that decided to send it; a worker delivers it with retries.
CREATE TABLE mail_outbox (
    id               CHAR(36)      NOT NULL,
    recipient        VARCHAR(254)  NOT NULL,
    subject          VARCHAR(200)  NOT NULL,
    body             MEDIUMTEXT    NOT NULL,
    created_at       DATETIME(6)   NOT NULL,
    attempts         INT           NOT NULL DEFAULT 0,
    next_attempt_at  DATETIME(6)   NOT NULL,
    sent_at          DATETIME(6)   NULL,
    last_error       VARCHAR(300)  NULL,
    CONSTRAINT pk_mail_outbox PRIMARY KEY (id),
    INDEX ix_mail_outbox_due (sent_at, next_attempt_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
