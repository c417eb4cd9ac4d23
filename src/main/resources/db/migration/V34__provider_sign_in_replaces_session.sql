-- The session a browser held when it started a campus sign-in: it ends when that sign-in opens the next one, since
-- the provider's redirect back from another site does not bring the SameSite=Strict session cookie along.
ALTER TABLE provider_sign_in ADD COLUMN replaces_session_hash CHAR(64) NULL;
