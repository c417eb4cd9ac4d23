-- A disaster-recovery restore (docs/operations.md) keeps an account's approval time, but the export carries no
-- account request: an approval may now be on record by its time alone (approved_at without approval_request_id).
-- An approval request still always comes with its time, and APPROVED still means approved with nothing escrowed.
ALTER TABLE official_account
    DROP CONSTRAINT ck_official_account_approval,
    DROP CONSTRAINT ck_official_account_approved;
ALTER TABLE official_account
    ADD CONSTRAINT ck_official_account_approval CHECK (approval_request_id IS NULL OR approved_at IS NOT NULL),
    ADD CONSTRAINT ck_official_account_approved
        CHECK (status <> 'APPROVED' OR (approved_at IS NOT NULL AND credential_version = 0));
