-- What campus identity systems know a person by (SCIM userName), and whether they deleted the person's SCIM
-- resource (the person's record stays for the audit trail; SCIM then answers 404 for it).
ALTER TABLE person
    ADD COLUMN user_name        VARCHAR(254) NULL,
    ADD COLUMN scim_deleted_at  DATETIME(6)  NULL,
    ADD CONSTRAINT uk_person_user_name UNIQUE (user_name);
