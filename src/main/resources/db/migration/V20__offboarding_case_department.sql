-- A case keeps the department its leaver belonged to when it was requested, so that a department's cases can be
-- listed after the person has moved or left. Cases opened before this migration take the leaver's department as the
-- person row has it now: the nearest record there is (SCIM may have moved someone since).
ALTER TABLE offboarding_case
    ADD COLUMN department_id CHAR(36) NULL AFTER employee_id;

UPDATE offboarding_case c
    JOIN person p ON p.id = c.person_id
    SET c.department_id = p.department_id;

ALTER TABLE offboarding_case
    MODIFY COLUMN department_id CHAR(36) NOT NULL,
    ADD CONSTRAINT fk_offboarding_case_department FOREIGN KEY (department_id) REFERENCES department (id),
    ADD INDEX ix_offboarding_case_department (department_id, requested_at);
