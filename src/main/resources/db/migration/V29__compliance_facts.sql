-- What the compliance report reads of an account without opening anything sealed (docs/policy.md):
-- platform_mfa: the platform's second factor as the stewards state it (NULL: not stated; TOTP: its seed must be
-- escrowed); recovery_*_institutional: whether the current credential version's recovery e-mail / phone is the
-- school's, judged by the rotation that made the version while it held the plaintext (NULL: escrowed before this
-- check, unknown until the next rotation); recovery_rules_digest: the SHA-256 of the rules that judged them, so that
-- a changed list of domains or prefixes makes them unknown. Never the contacts themselves.
ALTER TABLE official_account
    ADD COLUMN platform_mfa VARCHAR(8) NULL,
    ADD COLUMN recovery_email_institutional BOOLEAN NULL,
    ADD COLUMN recovery_phone_institutional BOOLEAN NULL,
    ADD COLUMN recovery_rules_digest CHAR(64) NULL,
    ADD CONSTRAINT ck_official_account_platform_mfa CHECK (platform_mfa IN ('NONE', 'TOTP', 'OTHER')),
    ADD CONSTRAINT ck_official_account_recovery_facts CHECK ((recovery_rules_digest IS NULL)
        = (recovery_email_institutional IS NULL AND recovery_phone_institutional IS NULL));
