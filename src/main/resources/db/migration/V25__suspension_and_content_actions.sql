-- Suspension, reinstatement and retirement (policy II): why and by whom the status last changed, and the status a
-- suspension interrupted, to which reinstatement returns. Accounts suspended before this migration return to ACTIVE
-- if they hold credentials, else to REQUESTED.
ALTER TABLE official_account
    ADD COLUMN suspended_from VARCHAR(16) NULL AFTER approved_at,
    ADD COLUMN status_reason VARCHAR(500) NULL AFTER suspended_from,
    ADD COLUMN status_changed_at DATETIME(6) NULL AFTER status_reason,
    ADD COLUMN status_changed_by VARCHAR(128) NULL AFTER status_changed_at;
UPDATE official_account SET suspended_from = IF(credential_version > 0, 'ACTIVE', 'REQUESTED')
    WHERE status = 'SUSPENDED';
ALTER TABLE official_account
    ADD CONSTRAINT ck_official_account_suspended CHECK ((status = 'SUSPENDED') = (suspended_from IS NOT NULL)),
    ADD CONSTRAINT ck_official_account_suspended_from CHECK (suspended_from IN ('REQUESTED', 'APPROVED', 'ACTIVE'));

-- What DGIT did on the platform itself (a removed post, a changed bio), logged on the account as text. Append-only.
CREATE TABLE account_content_action (
    id           CHAR(36)      NOT NULL,
    account_id   CHAR(36)      NOT NULL,
    description  VARCHAR(2000) NOT NULL,
    taken_at     DATETIME(6)   NOT NULL,
    recorded_at  DATETIME(6)   NOT NULL,
    recorded_by  VARCHAR(128)  NOT NULL,
    CONSTRAINT pk_account_content_action PRIMARY KEY (id),
    CONSTRAINT fk_account_content_action_account FOREIGN KEY (account_id) REFERENCES official_account (id),
    INDEX ix_account_content_action_account (account_id, recorded_at, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
