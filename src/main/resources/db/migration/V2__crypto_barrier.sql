-- The key ring: key-encryption keys (KEKs), each wrapped (AES-256-GCM) by the root key from the key store.
-- A retired KEK keeps its row for the record; its key material is erased.
CREATE TABLE key_encryption_key (
    version      INT          NOT NULL,
    wrapped_key  VARBINARY(128) NULL,
    state        VARCHAR(16)  NOT NULL,
    created_at   DATETIME(6)  NOT NULL,
    retired_at   DATETIME(6)  NULL,
    CONSTRAINT pk_key_encryption_key PRIMARY KEY (version),
    CONSTRAINT ck_key_encryption_key_state CHECK (state IN ('ACTIVE', 'RETIRED')),
    CONSTRAINT ck_key_encryption_key_material CHECK ((state = 'ACTIVE') = (wrapped_key IS NOT NULL))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Every secret the service stores, behind the barrier: one envelope per (owner table, owner id, field, version).
CREATE TABLE sealed_value (
    id             BIGINT       NOT NULL AUTO_INCREMENT,
    owner_table    VARCHAR(64)  NOT NULL,
    owner_id       VARCHAR(64)  NOT NULL,
    field          VARCHAR(64)  NOT NULL,
    owner_version  INT          NOT NULL,
    kek_version    INT          NOT NULL,
    envelope       MEDIUMBLOB   NOT NULL,
    created_at     DATETIME(6)  NOT NULL,
    CONSTRAINT pk_sealed_value PRIMARY KEY (id),
    CONSTRAINT uk_sealed_value_owner UNIQUE (owner_table, owner_id, field, owner_version),
    CONSTRAINT fk_sealed_value_kek FOREIGN KEY (kek_version) REFERENCES key_encryption_key (version),
    INDEX ix_sealed_value_kek (kek_version, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- KEK rotations. At most one runs at a time, across every instance: the generated column is 1 only while running.
CREATE TABLE key_rotation (
    id              CHAR(36)     NOT NULL,
    target_version  INT          NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    reason          VARCHAR(500) NOT NULL,
    requested_by    VARCHAR(128) NULL,
    started_at      DATETIME(6)  NOT NULL,
    finished_at     DATETIME(6)  NULL,
    rewrapped       BIGINT       NOT NULL DEFAULT 0,
    running_guard   TINYINT AS (CASE WHEN state = 'RUNNING' THEN 1 END) PERSISTENT,
    CONSTRAINT pk_key_rotation PRIMARY KEY (id),
    CONSTRAINT uk_key_rotation_running UNIQUE (running_guard),
    CONSTRAINT fk_key_rotation_kek FOREIGN KEY (target_version) REFERENCES key_encryption_key (version),
    CONSTRAINT ck_key_rotation_state CHECK (state IN ('RUNNING', 'COMPLETED'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
