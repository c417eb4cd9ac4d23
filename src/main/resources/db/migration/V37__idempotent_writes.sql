-- A write that carries an Idempotency-Key records the answer it gave, in the write's own transaction: a client that
-- retries it (say after its connection dropped at commit, when the first attempt may have landed) gets that answer
-- again instead of a second account request, import or key rotation. Keys are the caller's own; a row is kept a day.
-- status is NULL only inside that transaction, between claiming the key and recording the answer.
CREATE TABLE idempotent_write (
    caller          VARCHAR(64)   NOT NULL,
    idempotency_key VARCHAR(100)  NOT NULL COLLATE ascii_bin,
    request_hash    BINARY(32)    NOT NULL,
    status          SMALLINT      NULL,
    location        VARCHAR(2000) NULL,
    body            MEDIUMTEXT    NULL,
    created_at      DATETIME(6)   NOT NULL,
    CONSTRAINT pk_idempotent_write PRIMARY KEY (caller, idempotency_key),
    INDEX ix_idempotent_write_created (created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
