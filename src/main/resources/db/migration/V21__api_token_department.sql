-- A DEPARTMENT_OWNER token owns exactly one department, as a grant of that role does: the token's caller sees and
-- manages that department's accounts and nothing else (never a secret: no token sees one). No other role takes a
-- department.
ALTER TABLE api_token
    ADD COLUMN department_id CHAR(36) NULL AFTER role,
    ADD CONSTRAINT fk_api_token_department FOREIGN KEY (department_id) REFERENCES department (id);

ALTER TABLE api_token DROP CONSTRAINT ck_api_token_role;
ALTER TABLE api_token
    ADD CONSTRAINT ck_api_token_role CHECK (role IN ('DGIT_ADMIN', 'AUDITOR', 'HR_INTEGRATION', 'DEPARTMENT_OWNER')),
    ADD CONSTRAINT ck_api_token_scope CHECK ((role = 'DEPARTMENT_OWNER') = (department_id IS NOT NULL));
