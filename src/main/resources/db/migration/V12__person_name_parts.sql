-- The parts of a person's name as campus identity systems send them (SCIM name.givenName and name.familyName);
-- the whole name stays in person.name. Sized like person.name, the REST API's limit for names.
ALTER TABLE person
    ADD COLUMN given_name   VARCHAR(200) NULL,
    ADD COLUMN family_name  VARCHAR(200) NULL;
