-- An enrolled person may enrol a new TOTP seed: it is sealed under a generation of its own and waits here until a
-- first code confirms it; the enrolled seed (mfa_generation) and its recovery codes keep working until then.
ALTER TABLE sign_in
    ADD COLUMN pending_mfa_generation INT NULL AFTER mfa_generation;
