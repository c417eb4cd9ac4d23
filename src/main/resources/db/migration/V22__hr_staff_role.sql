-- HR_STAFF: HR's people, who start offboardings and follow them. A global role, held without a department, by people
-- only (HR's system keeps its HR_INTEGRATION token).
ALTER TABLE role_grant DROP CONSTRAINT ck_role_grant_role;
ALTER TABLE role_grant
    ADD CONSTRAINT ck_role_grant_role CHECK (role IN ('DGIT_ADMIN', 'AUDITOR', 'DEPARTMENT_OWNER', 'HR_STAFF'));
