-- SUPERVISOR: the supervisor or entity-executive leader (department chair, division chief, manager) who approves a
-- department's requests for official accounts (policy I.1). Held for one department, as DEPARTMENT_OWNER is, and by
-- people only: api_token's role check stays as it is.
ALTER TABLE role_grant DROP CONSTRAINT ck_role_grant_role;
ALTER TABLE role_grant DROP CONSTRAINT ck_role_grant_scope;
ALTER TABLE role_grant
    ADD CONSTRAINT ck_role_grant_role
        CHECK (role IN ('DGIT_ADMIN', 'AUDITOR', 'DEPARTMENT_OWNER', 'HR_STAFF', 'SUPERVISOR')),
    ADD CONSTRAINT ck_role_grant_scope CHECK ((role IN ('DEPARTMENT_OWNER', 'SUPERVISOR')) = (department_id <> ''));
