-- An uploaded export between its preview and its commit (docs/migration.md). The entries read from the file are
-- sealed by the barrier (sealed_value, owner_table 'pending_import') and erased when the upload ends: committed,
-- cancelled, or expired an hour after upload. The row stays, as the record of who imported which file and its counts.
CREATE TABLE pending_import (
    id             CHAR(36)     NOT NULL,
    state          VARCHAR(12)  NOT NULL,
    format         VARCHAR(32)  NOT NULL,
    file_digest    CHAR(64)     NOT NULL,
    file_bytes     INT          NOT NULL,
    entry_count    INT          NOT NULL,
    uploaded_by    VARCHAR(200) NOT NULL,
    uploaded_at    DATETIME(6)  NOT NULL,
    expires_at     DATETIME(6)  NOT NULL,
    mapping        TEXT         NOT NULL,
    ended_at       DATETIME(6)  NULL,
    created_count  INT          NULL,
    merged_count   INT          NULL,
    skipped_count  INT          NULL,
    row_version    INT          NOT NULL DEFAULT 0,
    CONSTRAINT pk_pending_import PRIMARY KEY (id),
    CONSTRAINT ck_pending_import_state CHECK (state IN ('PREVIEW', 'COMMITTED', 'CANCELLED', 'EXPIRED')),
    CONSTRAINT ck_pending_import_ended CHECK ((state = 'PREVIEW') = (ended_at IS NULL)),
    INDEX ix_pending_import_waiting (state, expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
