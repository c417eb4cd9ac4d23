-- The duties of an account's content owner and backup moderator (policy I.2): each holder acknowledges them, and the
-- acknowledgement records the version of the policy read. A duty ends when its holder is replaced or the account is
-- retired; the next holder has a duty of their own. At most one open duty per account and role, kept by the code
-- that changes the holders under the account's row lock. No foreign key to the account: a duty is written in the
-- transaction that registers it, and accounts are never deleted.
CREATE TABLE holder_duty (
    id               CHAR(36)     NOT NULL,
    account_id       CHAR(36)     NOT NULL,
    duty             VARCHAR(16)  NOT NULL,
    person_id        CHAR(36)     NOT NULL,
    assigned_at      DATETIME(6)  NOT NULL,
    acknowledged_at  DATETIME(6)  NULL,
    policy_version   VARCHAR(40)  NULL,
    ended_at         DATETIME(6)  NULL,
    row_version      INT          NOT NULL DEFAULT 0,
    CONSTRAINT pk_holder_duty PRIMARY KEY (id),
    CONSTRAINT fk_holder_duty_person FOREIGN KEY (person_id) REFERENCES person (id),
    CONSTRAINT ck_holder_duty_duty CHECK (duty IN ('CONTENT_OWNER', 'BACKUP_MODERATOR')),
    CONSTRAINT ck_holder_duty_acknowledged CHECK ((acknowledged_at IS NULL) = (policy_version IS NULL)),
    INDEX ix_holder_duty_account (account_id, ended_at),
    INDEX ix_holder_duty_person (person_id, ended_at),
    INDEX ix_holder_duty_waiting (ended_at, acknowledged_at, assigned_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The holders of today's accounts have their duties from now: nobody acknowledged anything before this version.
INSERT INTO holder_duty (id, account_id, duty, person_id, assigned_at)
    SELECT UUID(), id, 'CONTENT_OWNER', content_owner_id, UTC_TIMESTAMP(6) FROM official_account
    WHERE status <> 'RETIRED';
INSERT INTO holder_duty (id, account_id, duty, person_id, assigned_at)
    SELECT UUID(), id, 'BACKUP_MODERATOR', backup_moderator_id, UTC_TIMESTAMP(6) FROM official_account
    WHERE status <> 'RETIRED';
