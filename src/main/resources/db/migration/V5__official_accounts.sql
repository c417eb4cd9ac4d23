-- Official accounts (the registry) and the versions of their credential sets. The secrets themselves live in
-- sealed_value, one row per field and version (owner_table 'credential', owner_id = account id).
CREATE TABLE official_account (
    id                   CHAR(36)      NOT NULL,
    platform             VARCHAR(16)   NOT NULL,
    platform_name        VARCHAR(60)   NULL,
    handle               VARCHAR(200)  NOT NULL,
    -- platform, other platform's name and handle, lower-cased: one registration per account on a platform.
    identity_key         VARCHAR(300)  NOT NULL,
    profile_url          VARCHAR(2000) NULL,
    display_name         VARCHAR(200)  NOT NULL,
    department_id        CHAR(36)      NOT NULL,
    status               VARCHAR(16)   NOT NULL,
    content_owner_id     CHAR(36)      NOT NULL,
    backup_moderator_id  CHAR(36)      NOT NULL,
    notes                TEXT          NULL,
    credential_version   INT           NOT NULL DEFAULT 0,
    created_at           DATETIME(6)   NOT NULL,
    created_by           VARCHAR(128)  NOT NULL,
    updated_at           DATETIME(6)   NOT NULL,
    updated_by           VARCHAR(128)  NOT NULL,
    row_version          INT           NOT NULL DEFAULT 0,
    CONSTRAINT pk_official_account PRIMARY KEY (id),
    CONSTRAINT uk_official_account_identity UNIQUE (identity_key),
    CONSTRAINT fk_official_account_department FOREIGN KEY (department_id) REFERENCES department (id),
    CONSTRAINT fk_official_account_owner FOREIGN KEY (content_owner_id) REFERENCES person (id),
    CONSTRAINT fk_official_account_moderator FOREIGN KEY (backup_moderator_id) REFERENCES person (id),
    CONSTRAINT ck_official_account_status CHECK (status IN ('REQUESTED', 'ACTIVE', 'SUSPENDED', 'RETIRED')),
    CONSTRAINT ck_official_account_holders CHECK (content_owner_id <> backup_moderator_id),
    CONSTRAINT ck_official_account_other CHECK ((platform = 'OTHER') = (platform_name IS NOT NULL)),
    INDEX ix_official_account_department (department_id, display_name, id),
    INDEX ix_official_account_owner (content_owner_id),
    INDEX ix_official_account_moderator (backup_moderator_id),
    INDEX ix_official_account_listing (display_name, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Immutable: a rotation inserts the next version; nothing updates or deletes one.
CREATE TABLE credential_version (
    account_id      CHAR(36)      NOT NULL,
    version         INT           NOT NULL,
    fields          VARCHAR(300)  NOT NULL,
    changed_fields  VARCHAR(300)  NOT NULL,
    reason          VARCHAR(500)  NOT NULL,
    created_at      DATETIME(6)   NOT NULL,
    created_by      VARCHAR(128)  NOT NULL,
    CONSTRAINT pk_credential_version PRIMARY KEY (account_id, version),
    CONSTRAINT fk_credential_version_account FOREIGN KEY (account_id) REFERENCES official_account (id),
    CONSTRAINT ck_credential_version_positive CHECK (version > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
