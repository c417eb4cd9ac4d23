-- Each period (ESCROW_ATTESTATION_MONTHS, calendar-anchored) each department with accounts attests its compliance
-- report (docs/policy.md): one row per department and period, opened by whichever instance gets there first
-- (INSERT IGNORE on the unique key), signed once by one of the department's owners. The signed row keeps the exact
-- CSV read and its SHA-256; the ATTESTATION_SIGN audit entry carries the same digest into the signed chain.
CREATE TABLE attestation (
    id              CHAR(36)     NOT NULL,
    department_id   CHAR(36)     NOT NULL,
    period_id       VARCHAR(24)  NOT NULL,
    period_start    DATETIME(6)  NOT NULL,
    period_end      DATETIME(6)  NOT NULL,
    opened_at       DATETIME(6)  NOT NULL,
    state           VARCHAR(12)  NOT NULL,
    escalated_at    DATETIME(6)  NULL,
    attested_by     CHAR(36)     NULL,
    attested_at     DATETIME(6)  NULL,
    verdict         VARCHAR(12)  NULL,
    corrections     TEXT         NULL,
    report_digest   CHAR(64)     NULL,
    report_csv      MEDIUMBLOB   NULL,
    row_version     INT          NOT NULL DEFAULT 0,
    CONSTRAINT pk_attestation PRIMARY KEY (id),
    CONSTRAINT uk_attestation_period UNIQUE (department_id, period_id),
    CONSTRAINT fk_attestation_department FOREIGN KEY (department_id) REFERENCES department (id),
    CONSTRAINT fk_attestation_person FOREIGN KEY (attested_by) REFERENCES person (id),
    CONSTRAINT ck_attestation_state CHECK (state IN ('OPEN', 'ESCALATED', 'ATTESTED')),
    CONSTRAINT ck_attestation_signed CHECK ((state = 'ATTESTED') = (attested_by IS NOT NULL AND attested_at IS NOT NULL
        AND verdict IS NOT NULL AND report_digest IS NOT NULL AND report_csv IS NOT NULL)),
    CONSTRAINT ck_attestation_verdict CHECK (verdict IN ('CORRECT', 'CORRECTIONS')),
    CONSTRAINT ck_attestation_corrections CHECK ((verdict = 'CORRECTIONS') = (corrections IS NOT NULL)),
    INDEX ix_attestation_state (state, opened_at),
    INDEX ix_attestation_period (period_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
