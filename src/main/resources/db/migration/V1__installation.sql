-- The installation: one row made when the schema is first created. Its id tells which database an instance,
-- a backup or an export belongs to.
CREATE TABLE installation (
    id          CHAR(36)    NOT NULL,
    created_at  DATETIME(6) NOT NULL,
    CONSTRAINT pk_installation PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO installation (id, created_at) VALUES (UUID(), UTC_TIMESTAMP(6));
