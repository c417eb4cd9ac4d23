-- Campus single sign-on (issue 20, docs/sso.md).

-- A sign-in through the campus OpenID Connect provider while it is under way: the browser holds a random token in a
-- cookie, the row its SHA-256 with the flow's state, nonce and PKCE verifier, so that any instance can finish a
-- flow another started. A row is used once and lives ten minutes. After the provider vouched for a person who must
-- still give the escrow's own TOTP code, the row names the person and keeps the ID token for the sign-out.
CREATE TABLE provider_sign_in (
    token_hash     CHAR(64)     NOT NULL,
    state          VARCHAR(64)  NOT NULL,
    nonce          VARCHAR(64)  NOT NULL,
    code_verifier  VARCHAR(128) NOT NULL,
    created_at     DATETIME(6)  NOT NULL,
    expires_at     DATETIME(6)  NOT NULL,
    person_id      CHAR(36)     NULL,
    id_token       TEXT         NULL,
    failed_codes   INT          NOT NULL DEFAULT 0,
    CONSTRAINT pk_provider_sign_in PRIMARY KEY (token_hash),
    CONSTRAINT fk_provider_sign_in_person FOREIGN KEY (person_id) REFERENCES person (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
CREATE INDEX ix_provider_sign_in_expires ON provider_sign_in (expires_at);

-- A session opened through the provider: whether the provider did the second factor, and its ID token, which the
-- sign-out hands back to the provider's end-session endpoint (id_token_hint).
ALTER TABLE session
    ADD COLUMN via_provider BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN provider_mfa BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN id_token     TEXT    NULL;
