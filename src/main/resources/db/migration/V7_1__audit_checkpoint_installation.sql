-- A checkpoint names the installation whose chain it signs and the audit key that signed it (format version 2), so
-- that a checkpoint file holding another installation's checkpoints (or a wiped database's) is recognised as such.
-- Both are NULL for the version 1 checkpoints signed before.
ALTER TABLE ${auditSchema}.audit_checkpoint
    ADD COLUMN installation_id CHAR(36) NULL AFTER created_at,
    ADD COLUMN key_id          CHAR(64) NULL AFTER installation_id;
