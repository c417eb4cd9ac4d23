-- The one row every removal of a DGIT admin locks (role revoke, offboarding, SCIM deactivation and deletion), so
-- that two removals cannot both pass the "DGIT keeps an active admin with MFA" check. Each guarded change also
-- writes the row: on a Galera cluster two such transactions on different nodes then conflict at certification.
CREATE TABLE admin_guard (
    id        INT     NOT NULL,
    removals  BIGINT  NOT NULL DEFAULT 0,
    CONSTRAINT pk_admin_guard PRIMARY KEY (id),
    CONSTRAINT ck_admin_guard_single CHECK (id = 1)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO admin_guard (id, removals) VALUES (1, 0);

-- ACCESS_ENDED: the leaver's access ended in a transaction of its own; the hand-over of their holdings follows
-- (and is resumed after a crash).
ALTER TABLE offboarding_case DROP CONSTRAINT ck_offboarding_case_state;
ALTER TABLE offboarding_case ADD CONSTRAINT ck_offboarding_case_state
    CHECK (state IN ('SCHEDULED', 'ACCESS_ENDED', 'IN_PROGRESS', 'COMPLETED'));
