-- Departments, people (keyed by the HR employee id), role grants, sign-ins, sessions and API tokens.
CREATE TABLE department (
    id          CHAR(36)     NOT NULL,
    code        VARCHAR(32)  NOT NULL,
    name        VARCHAR(200) NOT NULL,
    created_at  DATETIME(6)  NOT NULL,
    CONSTRAINT pk_department PRIMARY KEY (id),
    CONSTRAINT uk_department_code UNIQUE (code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE person (
    id             CHAR(36)     NOT NULL,
    employee_id    VARCHAR(64)  NOT NULL,
    name           VARCHAR(200) NOT NULL,
    email          VARCHAR(254) NOT NULL,
    department_id  CHAR(36)     NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    created_at     DATETIME(6)  NOT NULL,
    updated_at     DATETIME(6)  NOT NULL,
    row_version    INT          NOT NULL DEFAULT 0,
    CONSTRAINT pk_person PRIMARY KEY (id),
    CONSTRAINT uk_person_employee UNIQUE (employee_id),
    CONSTRAINT fk_person_department FOREIGN KEY (department_id) REFERENCES department (id),
    CONSTRAINT ck_person_status CHECK (status IN ('ACTIVE', 'OFFBOARDED'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE role_grant (
    id             CHAR(36)     NOT NULL,
    person_id      CHAR(36)     NOT NULL,
    role           VARCHAR(32)  NOT NULL,
    -- Only DEPARTMENT_OWNER is scoped; '' stands for "every department" so the unique key also holds for the others.
    department_id  CHAR(36)     NOT NULL DEFAULT '',
    granted_by     VARCHAR(128) NOT NULL,
    granted_at     DATETIME(6)  NOT NULL,
    CONSTRAINT pk_role_grant PRIMARY KEY (id),
    CONSTRAINT uk_role_grant UNIQUE (person_id, role, department_id),
    CONSTRAINT fk_role_grant_person FOREIGN KEY (person_id) REFERENCES person (id),
    CONSTRAINT ck_role_grant_role CHECK (role IN ('DGIT_ADMIN', 'AUDITOR', 'DEPARTMENT_OWNER')),
    CONSTRAINT ck_role_grant_scope CHECK ((role = 'DEPARTMENT_OWNER') = (department_id <> ''))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE sign_in (
    person_id                 CHAR(36)     NOT NULL,
    username                  VARCHAR(64)  NOT NULL,
    password_hash             VARCHAR(255) NOT NULL,
    password_change_required  BOOLEAN      NOT NULL,
    mfa_state                 VARCHAR(16)  NOT NULL,
    mfa_generation            INT          NOT NULL DEFAULT 0,
    last_totp_step            BIGINT       NOT NULL DEFAULT 0,
    enabled                   BOOLEAN      NOT NULL,
    last_sign_in_at           DATETIME(6)  NULL,
    row_version               INT          NOT NULL DEFAULT 0,
    CONSTRAINT pk_sign_in PRIMARY KEY (person_id),
    CONSTRAINT uk_sign_in_username UNIQUE (username),
    CONSTRAINT fk_sign_in_person FOREIGN KEY (person_id) REFERENCES person (id),
    CONSTRAINT ck_sign_in_mfa CHECK (mfa_state IN ('NONE', 'PENDING', 'ENROLLED'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One-time MFA recovery codes, stored as SHA-256 hashes (the codes carry 60 random bits).
CREATE TABLE recovery_code (
    id          BIGINT      NOT NULL AUTO_INCREMENT,
    person_id   CHAR(36)    NOT NULL,
    generation  INT         NOT NULL,
    code_hash   CHAR(64)    NOT NULL,
    used_at     DATETIME(6) NULL,
    CONSTRAINT pk_recovery_code PRIMARY KEY (id),
    CONSTRAINT uk_recovery_code UNIQUE (person_id, code_hash),
    CONSTRAINT fk_recovery_code_person FOREIGN KEY (person_id) REFERENCES person (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Sessions live here, not in one server's memory: any instance serves any request. Only token hashes are stored.
CREATE TABLE session (
    token_hash    CHAR(64)    NOT NULL,
    person_id     CHAR(36)    NOT NULL,
    csrf_hash     CHAR(64)    NOT NULL,
    created_at    DATETIME(6) NOT NULL,
    last_seen_at  DATETIME(6) NOT NULL,
    expires_at    DATETIME(6) NOT NULL,
    CONSTRAINT pk_session PRIMARY KEY (token_hash),
    CONSTRAINT fk_session_person FOREIGN KEY (person_id) REFERENCES person (id),
    INDEX ix_session_person (person_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE api_token (
    id            CHAR(36)     NOT NULL,
    name          VARCHAR(100) NOT NULL,
    role          VARCHAR(32)  NOT NULL,
    token_hash    CHAR(64)     NOT NULL,
    person_id     CHAR(36)     NULL,
    created_by    VARCHAR(128) NOT NULL,
    created_at    DATETIME(6)  NOT NULL,
    expires_at    DATETIME(6)  NOT NULL,
    revoked_at    DATETIME(6)  NULL,
    last_used_at  DATETIME(6)  NULL,
    CONSTRAINT pk_api_token PRIMARY KEY (id),
    CONSTRAINT uk_api_token_hash UNIQUE (token_hash),
    CONSTRAINT fk_api_token_person FOREIGN KEY (person_id) REFERENCES person (id),
    CONSTRAINT ck_api_token_role CHECK (role IN ('DGIT_ADMIN', 'AUDITOR', 'HR_INTEGRATION'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Failed sign-ins per username (known or not) and per client address, shared by every instance.
CREATE TABLE sign_in_throttle (
    throttle_key   VARCHAR(200) NOT NULL,
    failures       INT          NOT NULL,
    last_failure   DATETIME(6)  NOT NULL,
    locked_until   DATETIME(6)  NULL,
    CONSTRAINT pk_sign_in_throttle PRIMARY KEY (throttle_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The audit trail (append-only). The audit-trail issue adds the hash chain without changing who writes here.
CREATE TABLE audit_event (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    occurred_at     DATETIME(6)  NOT NULL,
    actor_type      VARCHAR(16)  NOT NULL,
    actor_id        VARCHAR(64)  NULL,
    actor_name      VARCHAR(200) NULL,
    actor_roles     VARCHAR(200) NULL,
    action          VARCHAR(64)  NOT NULL,
    target_type     VARCHAR(32)  NULL,
    target_id       VARCHAR(64)  NULL,
    department_id   CHAR(36)     NULL,
    outcome         VARCHAR(16)  NOT NULL,
    reason          VARCHAR(500) NULL,
    client_address  VARCHAR(64)  NULL,
    request_id      VARCHAR(64)  NULL,
    details         TEXT         NULL,
    CONSTRAINT pk_audit_event PRIMARY KEY (id),
    CONSTRAINT ck_audit_event_outcome CHECK (outcome IN ('ALLOWED', 'DENIED', 'FAILED')),
    INDEX ix_audit_event_time (occurred_at),
    INDEX ix_audit_event_actor (actor_id, id),
    INDEX ix_audit_event_target (target_type, target_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
