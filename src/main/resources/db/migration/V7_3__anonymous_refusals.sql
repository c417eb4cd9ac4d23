-- Requests refused because nobody signed in (401) are counted per client address and time window, and each window
-- becomes one audit entry with its count when it closes, so that a flood of anonymous requests cannot grow the audit
-- chain without bound. The chain itself stays append-only; only this counter is updated.
CREATE TABLE anonymous_refusal (
    client_address  VARCHAR(64)  NOT NULL,
    window_start    DATETIME     NOT NULL,
    refusals        BIGINT       NOT NULL,
    first_method    VARCHAR(16)  NOT NULL,
    first_path      VARCHAR(300) NOT NULL,
    CONSTRAINT pk_anonymous_refusal PRIMARY KEY (client_address, window_start)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
