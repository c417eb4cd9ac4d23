-- A person lists and ends their own sessions (GET/DELETE /api/v1/sessions): each session gets an opaque id of its own
-- (never the token or its digest) and remembers where it was opened from: the client's address (behind a trusted
-- proxy, the real client) and its User-Agent, cut to 255 characters. Sessions opened before have neither.
ALTER TABLE session
    ADD COLUMN public_id      CHAR(36)     NULL AFTER token_hash,
    ADD COLUMN client_address VARCHAR(64)  NULL AFTER expires_at,
    ADD COLUMN user_agent     VARCHAR(255) NULL AFTER client_address;

UPDATE session SET public_id = UUID() WHERE public_id IS NULL;

ALTER TABLE session
    MODIFY public_id CHAR(36) NOT NULL,
    ADD CONSTRAINT uk_session_public_id UNIQUE (public_id);
