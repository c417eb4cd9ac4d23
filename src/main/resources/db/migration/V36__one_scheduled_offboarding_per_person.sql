-- At most one scheduled case per person, kept by the database: a request locks the person's row before it opens a
-- case, but on a Galera cluster that lock holds on one node only, and two requests for one person on two nodes would
-- each open one. Unique keys are certified across the cluster: the second insert fails at commit, is run again, and
-- finds the first case. (A key on person_id and a flag that is NULL unless scheduled: MariaDB refuses a generated
-- column that yields a CHAR column, since its value would depend on PAD_CHAR_TO_FULL_LENGTH.)
ALTER TABLE offboarding_case
    ADD COLUMN scheduled TINYINT AS (CASE WHEN state = 'SCHEDULED' THEN 1 END) PERSISTENT,
    ADD CONSTRAINT uk_offboarding_case_scheduled_person UNIQUE (person_id, scheduled);
