-- Requests for official accounts and their approval (policy I.1-2): a person of a department asks for an account, or
-- for an account that existed before the service to be approved after the fact; a supervisor of the department
-- approves or rejects it. An approved new account is registered APPROVED and becomes ACTIVE at its first escrow.
CREATE TABLE account_request (
    id                    CHAR(36)      NOT NULL,
    kind                  VARCHAR(16)   NOT NULL,
    -- the account the request is about: set for EXISTING, and for NEW_ACCOUNT once approved
    account_id            CHAR(36)      NULL,
    department_id         CHAR(36)      NOT NULL,
    platform              VARCHAR(16)   NOT NULL,
    platform_name         VARCHAR(60)   NULL,
    handle                VARCHAR(200)  NOT NULL,
    identity_key          VARCHAR(300)  NOT NULL,
    profile_url           VARCHAR(2000) NULL,
    display_name          VARCHAR(200)  NOT NULL,
    purpose               VARCHAR(2000) NOT NULL,
    content_owner_id      CHAR(36)      NOT NULL,
    backup_moderator_id   CHAR(36)      NOT NULL,
    content_owner_fte     DECIMAL(3, 2) NOT NULL,
    requested_by          CHAR(36)      NOT NULL,
    requested_at          DATETIME(6)   NOT NULL,
    state                 VARCHAR(16)   NOT NULL,
    decided_by            CHAR(36)      NULL,
    decided_at            DATETIME(6)   NULL,
    decision_comment      VARCHAR(2000) NULL,
    low_fte_acknowledged  BOOLEAN       NOT NULL DEFAULT FALSE,
    row_version           INT           NOT NULL DEFAULT 0,
    -- one pending request per real account, whether registered yet or not
    pending_key           VARCHAR(300)  AS (IF(state = 'PENDING', identity_key, NULL)) PERSISTENT,
    CONSTRAINT pk_account_request PRIMARY KEY (id),
    CONSTRAINT uk_account_request_pending UNIQUE (pending_key),
    CONSTRAINT fk_account_request_account FOREIGN KEY (account_id) REFERENCES official_account (id),
    CONSTRAINT fk_account_request_department FOREIGN KEY (department_id) REFERENCES department (id),
    CONSTRAINT fk_account_request_owner FOREIGN KEY (content_owner_id) REFERENCES person (id),
    CONSTRAINT fk_account_request_moderator FOREIGN KEY (backup_moderator_id) REFERENCES person (id),
    CONSTRAINT fk_account_request_requester FOREIGN KEY (requested_by) REFERENCES person (id),
    CONSTRAINT fk_account_request_decider FOREIGN KEY (decided_by) REFERENCES person (id),
    CONSTRAINT ck_account_request_kind CHECK (kind IN ('NEW_ACCOUNT', 'EXISTING')),
    CONSTRAINT ck_account_request_state CHECK (state IN ('PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN')),
    CONSTRAINT ck_account_request_existing CHECK (kind = 'NEW_ACCOUNT' OR account_id IS NOT NULL),
    CONSTRAINT ck_account_request_fte CHECK (content_owner_fte > 0 AND content_owner_fte <= 1),
    CONSTRAINT ck_account_request_holders CHECK (content_owner_id <> backup_moderator_id),
    CONSTRAINT ck_account_request_decided CHECK ((state IN ('APPROVED', 'REJECTED'))
        = (decided_by IS NOT NULL AND decided_at IS NOT NULL AND decision_comment IS NOT NULL)),
    CONSTRAINT ck_account_request_not_own CHECK (decided_by IS NULL OR decided_by <> requested_by),
    CONSTRAINT ck_account_request_low_fte CHECK (state <> 'APPROVED' OR content_owner_fte >= 0.25 OR low_fte_acknowledged),
    INDEX ix_account_request_department (department_id, state, requested_at),
    INDEX ix_account_request_requester (requested_by, requested_at),
    INDEX ix_account_request_account (account_id, requested_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- An account's approval on record, and the APPROVED status: approved, nothing escrowed yet. An account registered
-- and escrowed before approval existed is in use: ACTIVE, reported as having no approval.
ALTER TABLE official_account DROP CONSTRAINT ck_official_account_status;
UPDATE official_account SET status = 'ACTIVE' WHERE status = 'REQUESTED' AND credential_version > 0;
ALTER TABLE official_account
    ADD COLUMN approval_request_id CHAR(36) NULL AFTER status,
    ADD COLUMN approved_at DATETIME(6) NULL AFTER approval_request_id,
    ADD CONSTRAINT fk_official_account_approval FOREIGN KEY (approval_request_id) REFERENCES account_request (id),
    ADD CONSTRAINT ck_official_account_status
        CHECK (status IN ('REQUESTED', 'APPROVED', 'ACTIVE', 'SUSPENDED', 'RETIRED')),
    ADD CONSTRAINT ck_official_account_approval CHECK ((approval_request_id IS NULL) = (approved_at IS NULL)),
    ADD CONSTRAINT ck_official_account_approved
        CHECK (status <> 'APPROVED' OR (approval_request_id IS NOT NULL AND credential_version = 0));
