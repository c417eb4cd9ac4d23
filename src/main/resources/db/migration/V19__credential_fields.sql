-- The registry keeps the field names of each account's current credential version, so that a holder, who may reveal
-- but not read the version history, knows what there is to reveal. Kept by every rotation from now on; filled in here
-- from the field names each version records in plain text (credential_version.fields), not from the sealed values.
ALTER TABLE official_account
    ADD COLUMN credential_fields VARCHAR(300) NOT NULL DEFAULT '' AFTER totp_seed_escrowed;

UPDATE official_account a
    JOIN credential_version v ON v.account_id = a.id AND v.version = a.credential_version
    SET a.credential_fields = v.fields;
