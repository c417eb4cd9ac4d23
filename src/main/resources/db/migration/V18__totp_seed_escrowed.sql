-- The registry says whether an account's current credential version holds a TOTP seed, so the account list can show
-- it without the credentials feature (accounts must not depend on it) and without opening anything sealed. Kept by
-- every rotation from now on; here filled in from the field names each version records in plain text
-- (credential_version.fields, e.g. 'loginIdentifier,password,totp'), not from the sealed values.
ALTER TABLE official_account
    ADD COLUMN totp_seed_escrowed BOOLEAN NOT NULL DEFAULT FALSE AFTER credential_version;

UPDATE official_account a
    JOIN credential_version v ON v.account_id = a.id AND v.version = a.credential_version
    SET a.totp_seed_escrowed = FIND_IN_SET('totp', v.fields) > 0;
