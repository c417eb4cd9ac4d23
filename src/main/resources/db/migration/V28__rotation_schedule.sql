-- The rotation schedule: an account's own interval (NULL: its platform's or the global default, from the
-- configuration), when its password or TOTP seed was last replaced, and when the credentials are next due. The flag
-- an offboarding raises (rotation_required_since, rotation_due_at) stays as it is.
ALTER TABLE official_account
    ADD COLUMN rotation_interval_days SMALLINT NULL AFTER rotation_due_at,
    ADD COLUMN last_rotated_at DATETIME(6) NULL AFTER rotation_interval_days,
    ADD COLUMN next_rotation_due_at DATETIME(6) NULL AFTER last_rotated_at,
    ADD CONSTRAINT ck_official_account_interval CHECK (rotation_interval_days BETWEEN 1 AND 730),
    ADD INDEX ix_official_account_next_rotation (next_rotation_due_at);

-- Last rotated: the newest version that replaced the password or the TOTP seed, else the first version.
UPDATE official_account a
    SET a.last_rotated_at = (SELECT COALESCE(MAX(CASE WHEN FIND_IN_SET('password', v.changed_fields) > 0
            OR FIND_IN_SET('totp', v.changed_fields) > 0 THEN v.created_at END), MIN(v.created_at))
        FROM credential_version v WHERE v.account_id = a.id)
    WHERE a.credential_version > 0;

-- 180 days, the global default; at startup every instance applies the configured defaults (RotationDefaults).
UPDATE official_account SET next_rotation_due_at = last_rotated_at + INTERVAL 180 DAY
    WHERE last_rotated_at IS NOT NULL;

ALTER TABLE official_account
    ADD CONSTRAINT ck_official_account_schedule CHECK ((credential_version = 0) = (last_rotated_at IS NULL));
