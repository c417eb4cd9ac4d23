-- Sign-in hardening (issue 13).

-- Hashes made before V8 covered the UTF-8 encoder's padded buffer, not exactly the password's bytes. They stay
-- verifiable under this mark and are replaced by an exact hash at the person's next sign-in.
UPDATE sign_in SET password_hash = CONCAT('legacy-padded:', password_hash) WHERE password_hash LIKE '$argon2id$%';

-- Recovery codes are now stored as salted SHA-256 digests ("s1$salt$digest"). Codes issued before V8 keep their
-- unsalted SHA-256 digest and stay usable once each until they are used or MFA is enrolled again.
ALTER TABLE recovery_code MODIFY code_hash VARCHAR(128) NOT NULL;

-- Browsers that signed in successfully before (OWASP's device cookies). Only the cookie's SHA-256 is stored; a
-- sign-in presenting a valid device cookie of the person it names is throttled per device, not per address or name.
CREATE TABLE sign_in_device (
    token_hash  CHAR(64)    NOT NULL,
    person_id   CHAR(36)    NOT NULL,
    created_at  DATETIME(6) NOT NULL,
    expires_at  DATETIME(6) NOT NULL,
    CONSTRAINT pk_sign_in_device PRIMARY KEY (token_hash),
    CONSTRAINT fk_sign_in_device_person FOREIGN KEY (person_id) REFERENCES person (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
CREATE INDEX ix_sign_in_device_expires ON sign_in_device (expires_at);

-- The purge deletes throttle rows by age.
CREATE INDEX ix_sign_in_throttle_last_failure ON sign_in_throttle (last_failure);
